#include "load_run.h"

#include <poll.h>
#include <sys/resource.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <thread>
#include <vector>

#include "abusive_client.h"
#include "good_client.h"
#include "site_files.h"
#include "tls_profiles.h"

namespace mk::load {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kSampleInterval{250};
constexpr milliseconds kStatsWait{2000};
// How long the server may take to let go of closed connections (it waits up to 2 s
// for a client to close after its own close_notify).
constexpr std::chrono::seconds kSettleTime{10};
// Descriptors the load client needs besides its connections.
constexpr rlim_t kSpareFds = 64;

double seconds_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

bool raise_fd_limit_to(rlim_t wanted, std::string& error) {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return true;
  if (lim.rlim_cur >= wanted) return true;
  if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < wanted) {
    error = "needs " + std::to_string(wanted) + " open files; the hard limit is " +
            std::to_string(lim.rlim_max) + " (raise it, or use fewer --connections)";
    return false;
  }
  lim.rlim_cur = wanted;
  if (::setrlimit(RLIMIT_NOFILE, &lim) != 0) {
    error = "cannot raise RLIMIT_NOFILE to " + std::to_string(wanted);
    return false;
  }
  return true;
}

class LoadTest {
 public:
  LoadTest(const LoadPlan& plan, LoadResult& result) : plan_(plan), r_(result) {}

  void run() {
    deadline_ = Clock::now() + plan_.time_limit;
    int abusive = plan_.abusive_per_kind * static_cast<int>(abuse_kinds().size());
    std::string error;
    if (!raise_fd_limit_to(static_cast<rlim_t>(plan_.connections + abusive) + kSpareFds, error)) {
      return problem(error);
    }
    if (!site_.ok()) return problem("cannot write the served files under /tmp");
    configs_ = make_client_configs(plan_.certs_dir + "/ca.pem", error);
    if (configs_.empty()) return problem(error);
    std::vector<std::string> args = {"--dir",
                                     site_.path(),
                                     "--cert",
                                     plan_.certs_dir + "/chain.pem",
                                     "--key",
                                     plan_.certs_dir + "/key.pem",
                                     "--handshake-timeout",
                                     std::to_string(plan_.handshake_timeout.count())};
    if (!plan_.serve_log.empty()) args.push_back("-v");
    if (!serve_.start(plan_.meerkat, args, deadline_, error)) return problem(error);

    if (!warm_up()) return finish();
    if (!settle(r_.start)) return finish();
    r_.fds_start = serve_.open_fds();
    r_.peak = r_.start;

    main_phase();
    if (out_of_time()) return finish();  // already failed; serve is killed
    if (!serve_.running()) {
      problem("meerkat serve is no longer running");
      return finish();
    }
    if (settle(r_.end)) r_.fds_end = serve_.open_fds();
    finish();
  }

 private:
  void problem(std::string what) { r_.problems.push_back(std::move(what)); }

  bool out_of_time() const { return Clock::now() >= deadline_; }

  // One good client per profile, one request per file: every code path the run
  // uses has allocated what it keeps for the process's life.
  bool warm_up() {
    std::vector<std::unique_ptr<GoodClient>> goods;
    int files = static_cast<int>(site_.files().size());
    for (size_t i = 0; i < configs_.size(); ++i) {
      goods.push_back(std::make_unique<GoodClient>(static_cast<int>(i), configs_[i].get(),
                                                   tls_profiles()[i], site_, files, false));
    }
    std::vector<std::unique_ptr<AbusiveClient>> none;
    if (!drive(goods, none, false)) return false;
    for (const auto& g : goods) {
      if (g->state() != GoodClient::State::done) {
        problem("warm-up client (" + std::string(g->profile().name) + ") failed: " + g->failure());
        return false;
      }
    }
    return true;
  }

  // Wait until serve holds no connection, then take its figures.
  bool settle(MemorySample& sample) {
    Clock::time_point until = std::min(deadline_, Clock::now() + kSettleTime);
    for (;;) {
      auto s = serve_.stats(std::min(until, Clock::now() + kStatsWait));
      if (!s) {
        problem("meerkat serve did not answer SIGUSR1");
        return false;
      }
      if (s->connections == 0) {
        sample.stats = *s;
        sample.rss = serve_.rss_bytes();
        return true;
      }
      if (Clock::now() >= until) {
        problem("meerkat serve still holds " + std::to_string(s->connections) +
                " connections after every client closed");
        return false;
      }
      std::this_thread::sleep_for(milliseconds(100));
    }
  }

  void add_to_peak(const ServerStats& s) {
    r_.peak.stats.connections = std::max(r_.peak.stats.connections, s.connections);
    r_.peak.stats.heap_in_use = std::max(r_.peak.stats.heap_in_use, s.heap_in_use);
    r_.peak.stats.meerkat_live = std::max(r_.peak.stats.meerkat_live, s.meerkat_live);
    r_.peak.rss = std::max(r_.peak.rss, serve_.rss_bytes());
  }

  void main_phase() {
    std::vector<std::unique_ptr<GoodClient>> goods;
    auto profiles = tls_profiles();
    for (int i = 0; i < plan_.connections; ++i) {
      size_t p = static_cast<size_t>(i) % profiles.size();
      goods.push_back(std::make_unique<GoodClient>(i, configs_[p].get(), profiles[p], site_,
                                                   plan_.requests_per_connection, true));
    }
    std::vector<std::unique_ptr<AbusiveClient>> abusers;
    AbuseTiming timing;
    timing.handshake_timeout = plan_.handshake_timeout;
    unsigned seed = 1;
    for (const AbuseSpec& spec : abuse_kinds()) {
      for (int i = 0; i < plan_.abusive_per_kind; ++i) {
        abusers.push_back(std::make_unique<AbusiveClient>(spec, configs_[0].get(), timing, seed++));
      }
    }
    Clock::time_point begin = Clock::now();
    bool in_time = drive(goods, abusers, true);

    r_.connections = plan_.connections;
    r_.requests_planned = plan_.connections * plan_.requests_per_connection;
    Clock::time_point last_handshake = begin;
    for (const TlsProfile& tp : profiles) r_.profiles.push_back(ProfileCount{tp.name, 0, 0});
    for (const auto& g : goods) {
      ProfileCount& pc = r_.profiles[static_cast<size_t>(&g->profile() - profiles.data())];
      ++pc.connections;
      r_.requests_ok += g->requests_done();
      r_.body_bytes += g->body_bytes();
      if (g->handshake_completed()) {
        ++r_.handshakes;
        last_handshake = std::max(last_handshake, g->handshake_done_at());
      }
      if (g->state() == GoodClient::State::done) {
        ++r_.connections_ok;
        ++pc.completed;
      } else {
        ++r_.failures;
        if (r_.failure_samples.size() < 10) {
          r_.failure_samples.push_back(
              g->finished()
                  ? g->failure()
                  : "unfinished (state " + std::to_string(static_cast<int>(g->state())) + ")");
        }
      }
    }
    r_.handshake_seconds = seconds_between(begin, last_handshake);
    r_.transfer_seconds = seconds_between(begin, last_good_finish_);
    if (!in_time)
      problem("time limit of " + std::to_string(plan_.time_limit.count()) + " s reached");
    if (r_.failures > 0) problem(std::to_string(r_.failures) + " good connections failed");
    if (r_.requests_ok != r_.requests_planned) {
      problem(std::to_string(r_.requests_ok) + " of " + std::to_string(r_.requests_planned) +
              " requests answered correctly");
    }
    if (r_.open_at_barrier != plan_.connections) {
      problem("only " + std::to_string(r_.open_at_barrier) + " of " +
              std::to_string(plan_.connections) + " good connections were open at once");
    }

    for (const AbuseSpec& spec : abuse_kinds()) {
      AbuseOutcome o;
      o.kind = spec.name;
      o.expected = spec.expected;
      bool first = true;
      for (const auto& a : abusers) {
        if (&a->spec() != &spec) continue;
        ++o.clients;
        double s = a->seconds();
        o.min_seconds = first ? s : std::min(o.min_seconds, s);
        o.max_seconds = first ? s : std::max(o.max_seconds, s);
        bool ok = a->finished() && a->as_expected();
        if (ok) ++o.as_expected;
        if (first || (!ok && o.as_expected == o.clients - 1)) {
          o.sample = a->finished() ? a->outcome() : "unfinished";
        }
        first = false;
      }
      if (o.as_expected != o.clients) {
        problem(std::string(spec.name) + ": " + std::to_string(o.clients - o.as_expected) +
                " clients not as expected (" + o.sample + ")");
      }
      r_.abuse.push_back(std::move(o));
    }
  }

  // The poll loop over every client until all are finished (or time is up).
  bool drive(std::vector<std::unique_ptr<GoodClient>>& goods,
             std::vector<std::unique_ptr<AbusiveClient>>& abusers, bool sample) {
    const uint16_t port = serve_.port();
    Clock::time_point now = Clock::now();
    // Abusive clients come in two waves: the even ones with the first good clients,
    // the odd ones when all the good ones are open and the transfers begin.
    auto start_wave = [&](size_t wave, Clock::time_point at) {
      for (size_t i = wave; i < abusers.size(); i += 2) abusers[i]->start(port, at);
    };
    start_wave(0, now);
    size_t next_good = 0;
    bool barrier_released = false;
    Clock::time_point next_sample = now + kSampleInterval;
    std::vector<pollfd> fds;
    std::vector<GoodClient*> polled_goods;
    std::vector<AbusiveClient*> polled_abusers;
    for (;;) {
      now = Clock::now();
      if (now >= deadline_) return false;
      // The ramp: a bounded number of handshakes in flight.
      int in_flight = 0;
      for (size_t i = 0; i < next_good; ++i) in_flight += goods[i]->handshaking() ? 1 : 0;
      while (next_good < goods.size() && in_flight < plan_.max_handshakes_in_flight) {
        goods[next_good++]->start(port, now);
        ++in_flight;
      }

      size_t unfinished = 0, at_barrier = 0;
      for (const auto& g : goods) {
        if (!g->finished()) ++unfinished;
        if (g->state() == GoodClient::State::at_barrier) ++at_barrier;
      }
      for (const auto& a : abusers) unfinished += a->finished() ? 0 : 1;
      if (unfinished == 0) return true;

      // Every good client still going waits at the barrier: they are all open now.
      // (When none is going, there is nothing to wait for either.)
      if (!barrier_released && next_good == goods.size()) {
        size_t going = 0;
        for (const auto& g : goods) going += g->finished() ? 0 : 1;
        if (going == at_barrier) {
          barrier_released = true;
          r_.open_at_barrier = static_cast<int>(at_barrier);
          if (sample) {
            // Waits for serve's answer once: the figure of the moment all are open.
            if (auto s = serve_.stats(now + kStatsWait)) {
              r_.server_connections_at_barrier = s->connections;
              add_to_peak(*s);
            }
          }
          now = Clock::now();
          for (auto& g : goods) g->release(now);
          start_wave(1, now);
          continue;
        }
      }

      if (sample && now >= next_sample) {
        serve_.ask_stats();
        next_sample = now + kSampleInterval;
      }

      fds.clear();
      polled_goods.clear();
      polled_abusers.clear();
      Clock::time_point wake = std::min(deadline_, next_sample);
      if (sample) fds.push_back({serve_.err_fd(), POLLIN, 0});  // stats answers
      for (auto& g : goods) {
        if (g->finished() || g->fd() < 0) continue;
        fds.push_back({g->fd(), g->poll_events(), 0});
        polled_goods.push_back(g.get());
      }
      for (auto& a : abusers) {
        if (a->finished()) continue;
        wake = std::min(wake, a->next_timer());
        if (a->fd() < 0) continue;
        fds.push_back({a->fd(), a->poll_events(), 0});
        polled_abusers.push_back(a.get());
      }
      auto wait = std::chrono::duration_cast<milliseconds>(wake - Clock::now()).count();
      int timeout = static_cast<int>(std::clamp<long>(wait, 0, 100));
      int n = ::poll(fds.data(), fds.size(), timeout);
      if (n < 0 && errno != EINTR) {
        problem("poll failed");
        return false;
      }
      now = Clock::now();
      size_t i = 0;
      if (sample) {
        if (fds[i++].revents) {
          for (const ServerStats& st : serve_.take_stats()) add_to_peak(st);
        }
      }
      for (GoodClient* g : polled_goods) {
        short revents = fds[i++].revents;
        if (!revents) continue;
        g->on_events(revents, now);
        if (g->state() == GoodClient::State::done)
          last_good_finish_ = std::max(last_good_finish_, now);
      }
      for (AbusiveClient* a : polled_abusers) {
        short revents = fds[i++].revents;
        if (revents) a->on_events(revents, now);
      }
      for (auto& a : abusers) a->on_time(now);
    }
  }

  void finish() {
    if (serve_.pid() > 0) {
      bool was_running = serve_.running();
      r_.server_exit = serve_.stop();
      if (!plan_.serve_log.empty()) std::ofstream(plan_.serve_log) << serve_.err();
      if (was_running && r_.server_exit != 0) {
        problem("meerkat serve exited with status " + std::to_string(r_.server_exit) +
                " on SIGTERM: " + serve_.err());
      }
    }
    if (r_.fds_start < 0 || r_.fds_end < 0) return;
    if (r_.end.stats.heap_in_use > r_.start.stats.heap_in_use + plan_.heap_tolerance) {
      problem("server heap in use ended at " + std::to_string(r_.end.stats.heap_in_use) +
              " bytes, more than " + std::to_string(plan_.heap_tolerance) + " above its start of " +
              std::to_string(r_.start.stats.heap_in_use));
    }
    if (r_.end.stats.meerkat_live != r_.start.stats.meerkat_live) {
      problem("Meerkat's live heap ended at " + std::to_string(r_.end.stats.meerkat_live) +
              " bytes, started at " + std::to_string(r_.start.stats.meerkat_live));
    }
    if (r_.fds_end != r_.fds_start) {
      problem("server open descriptors ended at " + std::to_string(r_.fds_end) + ", started at " +
              std::to_string(r_.fds_start));
    }
  }

  const LoadPlan& plan_;
  LoadResult& r_;
  Clock::time_point deadline_;
  SiteDir site_;
  std::vector<ConfigPtr> configs_;
  ServeProcess serve_;
  Clock::time_point last_good_finish_{};
};

}  // namespace

LoadResult run_load(const LoadPlan& plan) {
  LoadResult result;
  result.plan = plan;
  LoadTest(plan, result).run();
  return result;
}

}  // namespace mk::load
