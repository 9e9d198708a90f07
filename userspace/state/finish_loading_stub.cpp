// Placeholder so that the scap reader links before State::finish_loading()
// exists: a weak, empty definition. The real one (the FDL IPv4 server-port
// swap) replaces it at link time; delete this file once it is in state.cpp.
#include "state/state.h"

namespace sysray {

__attribute__((weak)) void State::finish_loading() {}

}  // namespace sysray
