// 3. Over loopback: `meerkat serve` beside nginx (on OpenSSL), the same certificate
// (ECDSA P-256), X25519 and TLS_AES_128_GCM_SHA256 forced on both servers, no
// session resumption on either, driven by wrk on 127.0.0.1: full handshakes per
// second (one request per connection) and keep-alive requests per second for a
// small file, with the server's CPU time per request from /proc.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "load_generator.h"
#include "process.h"
#include "scenario.h"
#include "sections.h"

namespace mk::bench {
namespace {

namespace fs = std::filesystem;

constexpr size_t kSmallFileBytes = 1024;
constexpr int kConnections = 8;

// A private directory under /tmp, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/meerkat-bench-XXXXXX";
    if (mkdtemp(name)) path_ = name;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  return static_cast<bool>(out);
}

// nginx in the foreground as one process (no master), so the PID we started is the
// one serving and the one we stop; everything it writes stays in dir.
std::string nginx_config(const std::string& dir, const std::string& docroot, uint16_t port,
                         const Scenario& s) {
  return "daemon off;\nmaster_process off;\nworker_processes 1;\npid " + dir +
         "/nginx.pid;\nerror_log " + dir + "/error.log;\nevents { worker_connections 1024; }\n" +
         "http {\n  access_log off;\n  client_body_temp_path " + dir + "/body;\n" +
         "  proxy_temp_path " + dir + "/proxy;\n  fastcgi_temp_path " + dir + "/fastcgi;\n" +
         "  uwsgi_temp_path " + dir + "/uwsgi;\n  scgi_temp_path " + dir + "/scgi;\n" +
         "  keepalive_requests 1000000;\n  server {\n    listen 127.0.0.1:" + std::to_string(port) +
         " ssl;\n    ssl_certificate " + s.chain_file() + ";\n    ssl_certificate_key " +
         s.key_file() + ";\n    ssl_protocols TLSv1.3;\n    ssl_ecdh_curve " +
         openssl_group_name(s.group) + ";\n    ssl_conf_command Ciphersuites " +
         suite_name(s.suite) +
         ";\n    ssl_session_tickets off;\n    ssl_session_cache off;\n    root " + docroot +
         ";\n  }\n}\n";
}

std::string nginx_binary() {
  return fs::exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
}

struct Server {
  std::unique_ptr<test::Process> process;
  uint16_t port = 0;
  std::string error;
};

Server start_server(const std::vector<std::string>& argv, uint16_t port) {
  Server s;
  s.port = port;
  s.process = std::make_unique<test::Process>();
  if (!s.process->start(argv)) {
    s.error = argv[0] + " could not be started: " + s.process->error();
  } else if (!test::wait_for_port(port, test::Millis(5000))) {
    s.error =
        argv[0] + " did not listen on port " + std::to_string(port) + ": " + s.process->output();
  }
  return s;
}

struct Collected {
  std::vector<double> rate, cpu_us;
};

}  // namespace

void add_loopback_rows(BenchContext& ctx) {
  Scenario s = handshake_scenarios().front();
  std::string section = "3. Loopback: meerkat serve | nginx on OpenSSL, " + s.name + ", " +
                        suite_name(s.suite) + ", wrk -t1 -c" + std::to_string(kConnections);
  if (ctx.verbose) std::fprintf(stderr, "bench: %s\n", section.c_str());
  TempDir dir;
  std::string docroot = dir.path() + "/www";
  std::string setup_error;
  if (dir.path().empty() || !fs::create_directory(docroot) ||
      !write_file(docroot + "/small.html", std::string(kSmallFileBytes, 'm'))) {
    setup_error = "could not prepare a document root under /tmp";
  }

  Server servers[2];
  uint16_t meerkat_port = test::pick_free_port();
  servers[0] = setup_error.empty()
                   ? start_server({MEERKAT_CLI, "serve", "--port", std::to_string(meerkat_port),
                                   "--cert", s.chain_file(), "--key", s.key_file(), "--dir",
                                   docroot, "--suites", suite_name(s.suite), "--groups", "x25519"},
                                  meerkat_port)
                   : Server{nullptr, 0, setup_error};
  uint16_t nginx_port = test::pick_free_port();
  std::string conf = dir.path() + "/nginx.conf";
  if (setup_error.empty() && !write_file(conf, nginx_config(dir.path(), docroot, nginx_port, s))) {
    setup_error = "could not write the nginx configuration";
  }
  servers[1] = setup_error.empty() ? start_server({nginx_binary(), "-p", dir.path(), "-c", conf,
                                                   "-e", dir.path() + "/error.log"},
                                                  nginx_port)
                                   : Server{nullptr, 0, setup_error};

  // Runs alternate between the servers so both see the same machine.
  int runs = ctx.plan.quick ? 1 : 3;
  int seconds = ctx.plan.quick ? 1 : 3;
  Collected handshakes[2], keep_alive[2];
  for (int run = 0; run < runs; ++run) {
    for (int i = 0; i < 2; ++i) {
      for (bool per_request : {true, false}) {
        if (!servers[i].error.empty()) continue;
        LoadSpec spec{"https://localhost:" + std::to_string(servers[i].port) + "/small.html",
                      kConnections, seconds, per_request};
        LoadRun r = run_load(spec, servers[i].process->pid());
        if (!r.error.empty()) {
          servers[i].error = r.error;
          continue;
        }
        Collected& c = per_request ? handshakes[i] : keep_alive[i];
        c.rate.push_back(r.requests_per_second);
        c.cpu_us.push_back(r.server_cpu_seconds_per_request * 1e6);
      }
    }
  }
  for (Server& server : servers) {
    if (server.process) server.process->stop();
  }

  auto figure = [&](int i, const std::vector<double>& v) {
    return servers[i].error.empty() ? summarize(v) : Summary{};
  };
  const std::string& m_error = servers[0].error;
  const std::string& o_error = servers[1].error;
  Report& rep = *ctx.report;
  rep.add(Row::compare(section, "full handshakes per second (one request per connection)",
                       Unit::per_second, figure(0, handshakes[0].rate),
                       figure(1, handshakes[1].rate))
              .missing_because(m_error, o_error));
  rep.add(Row::compare(section, "  server CPU us per handshake + request", Unit::microseconds,
                       figure(0, handshakes[0].cpu_us), figure(1, handshakes[1].cpu_us))
              .missing_because(m_error, o_error));
  rep.add(Row::compare(section, "keep-alive requests per second (1 KiB file)", Unit::per_second,
                       figure(0, keep_alive[0].rate), figure(1, keep_alive[1].rate))
              .missing_because(m_error, o_error));
  rep.add(Row::compare(section, "  server CPU us per request", Unit::microseconds,
                       figure(0, keep_alive[0].cpu_us), figure(1, keep_alive[1].cpu_us))
              .missing_because(m_error, o_error));
}

}  // namespace mk::bench
