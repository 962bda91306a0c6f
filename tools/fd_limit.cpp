#include "fd_limit.h"

#include <sys/resource.h>

namespace mk::cli {

size_t raise_fd_limit() {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return 1024;  // the usual default
  if (lim.rlim_cur < lim.rlim_max) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
  }
  return lim.rlim_cur == RLIM_INFINITY ? 1 << 20 : static_cast<size_t>(lim.rlim_cur);
}

size_t max_connections_for(size_t fd_limit) {
  if (fd_limit <= kReservedFds + 2) return 1;
  return (fd_limit - kReservedFds) / 2;
}

}  // namespace mk::cli
