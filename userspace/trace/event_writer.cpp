#include "trace/event_writer.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace sysray::trace {

void restrict_to_owner(int fd, const std::string& path) {
  struct stat st;
  if (fstat(fd, &st) != 0) throw TraceError(path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return;
  if (fchmod(fd, 0600) != 0) throw TraceError(path + ": cannot restrict permissions: " + std::strerror(errno));
}

}  // namespace sysray::trace
