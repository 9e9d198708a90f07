#include <cstring>

#include "source/scap_metadata.h"

namespace sysray::scap {

void load_machine_info(FieldReader body, MachineInfo& machine) {
  constexpr size_t kHostnameSize = 128;
  machine.num_cpus = body.u32("num_cpus");
  machine.memory_size_bytes = body.u64("memory_size_bytes");
  machine.max_pid = body.u64("max_pid");
  const char* host = reinterpret_cast<const char*>(body.bytes(kHostnameSize, "hostname"));
  machine.hostname.assign(host, strnlen(host, kHostnameSize));
  machine.boot_ts = body.u64("boot_ts_epoch");
  body.skip(3 * sizeof(uint64_t), "flags and reserved fields");
}

}  // namespace sysray::scap
