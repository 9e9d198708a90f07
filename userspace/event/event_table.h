// The scap event table: sysray's one schema of events.
//
// Generated from userspace/event/data by tools/gen_event_table.py. Each event
// id has the current layout (what the probe writes and the native format
// stores) and, for ids that sysdig 0.29.3 knows, that release's layout, which
// the formatter uses so that output matches sysdig byte for byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sysray_event_ids.h"  // generated: PPME_* ids shared with the probe

namespace sysray {

// scap's PT_* types, numbered as in scap.
enum class ParamType : uint8_t {
  NONE, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64,
  CHARBUF, BYTEBUF, ERRNO, SOCKADDR, SOCKTUPLE, FD, PID, FDLIST,
  FSPATH, SYSCALLID, SIGTYPE, RELTIME, ABSTIME, PORT, L4PROTO,
  SOCKFAMILY, BOOL, IPV4ADDR, DYN, FLAGS8, FLAGS16, FLAGS32, UID,
  GID, DOUBLE, SIGSET, CHARBUFARRAY, CHARBUF_PAIR_ARRAY, IPV4NET,
  IPV6ADDR, IPV6NET, IPADDR, IPNET, MODE, FSRELPATH, ENUMFLAGS8,
  ENUMFLAGS16, ENUMFLAGS32, FD32, PID32,
};

enum class PrintFormat : uint8_t { NA, DEC, HEX, PADDED_DEC, ID, DIR, OCT };

enum class Direction : uint8_t { Enter, Exit };

// Low byte of EventInfo::category: the event's class.
enum EventClass : uint8_t {
  EC_UNKNOWN, EC_OTHER, EC_FILE, EC_NET, EC_IPC, EC_MEMORY, EC_PROCESS,
  EC_SLEEP, EC_SYSTEM, EC_SIGNAL, EC_USER, EC_TIME, EC_PROCESSING,
  EC_IO_READ, EC_IO_WRITE, EC_IO_OTHER, EC_WAIT, EC_SCHEDULER,
  EC_INTERNAL, EC_PLUGIN, EC_METAEVENT, EC_ITER,
};
constexpr uint32_t EC_CLASS_MASK = 0xff;
constexpr uint32_t EC_SYSCALL = 1u << 8;
constexpr uint32_t EC_TRACEPOINT = 1u << 9;

// EventInfo::flags bits (scap's EF_*).
enum EventFlag : uint32_t {
  EF_CREATES_FD = 1u << 0,
  EF_DESTROYS_FD = 1u << 1,
  EF_USES_FD = 1u << 2,
  EF_READS_FROM_FD = 1u << 3,
  EF_WRITES_TO_FD = 1u << 4,
  EF_MODIFIES_STATE = 1u << 5,
  EF_UNUSED = 1u << 6,
  EF_WAITS = 1u << 7,
  EF_SKIPPARSERESET = 1u << 8,
  EF_OLD_VERSION = 1u << 9,
  EF_DROP_SIMPLE_CONS = 1u << 10,
  EF_LARGE_PAYLOAD = 1u << 11,
  EF_USED_BY_ENTER = 1u << 12,
  EF_CONVERTER_MANAGED = 1u << 13,
  EF_TMP_CONVERTER_MANAGED = 1u << 14,
};

struct ParamInfo {
  const char* name;
  ParamType type;
  PrintFormat format;
  // FLAGS*/ENUMFLAGS*/MODE: index into k_flag_tables; DYN: index into
  // k_dynamic_tables; FSRELPATH: index of the dirfd parameter; else -1.
  int16_t aux;
};

struct FlagName {
  const char* name;
  uint32_t value;
};

struct FlagTable {
  const char* name;
  const FlagName* entries;  // in the order sysdig walks them
  size_t count;
};

struct DynamicTable {
  const char* name;
  const ParamInfo* entries;  // indexed by the u8 that starts a PT_DYN value
  size_t count;
};

struct EventInfo {
  const char* name;
  const char* enum_name;
  Direction dir;
  uint32_t category;
  uint32_t flags;
  uint8_t nparams;
  const ParamInfo* params;
  // The layout sysdig 0.29.3 knows for this id (ids < 336), used for display.
  bool has_legacy;
  const char* legacy_name;
  uint32_t legacy_category;
  uint32_t legacy_flags;
  uint8_t legacy_nparams;
  const ParamInfo* legacy_params;

  EventClass event_class() const { return EventClass(category & EC_CLASS_MASK); }
  bool is_large_payload() const { return flags & EF_LARGE_PAYLOAD; }
  // The parameters and name used to render and list the event.
  uint8_t display_nparams() const { return has_legacy ? legacy_nparams : nparams; }
  const ParamInfo* display_params() const { return has_legacy ? legacy_params : params; }
  const char* display_name() const { return has_legacy ? legacy_name : name; }
  uint32_t display_flags() const { return has_legacy ? legacy_flags : flags; }
  uint32_t display_category() const { return has_legacy ? legacy_category : category; }
};

extern const EventInfo k_event_table[];
extern const FlagTable k_flag_tables[];
extern const size_t k_flag_table_count;
extern const DynamicTable k_dynamic_tables[];
extern const char* const k_errno_names[];
extern const size_t k_errno_count;
extern const char* const k_signal_names[];
extern const size_t k_signal_count;
extern const char* const k_syscall_names[];
extern const char* const k_legacy_syscall_names[];
extern const uint8_t k_legacy_syscall_categories[];  // EventClass, from sysdig 0.29.3's syscall table
extern const size_t k_syscall_count;

constexpr uint16_t kEventMax = SYSRAY_EVENT_MAX;              // ids of the current table
constexpr uint16_t kLegacyEventMax = SYSRAY_LEGACY_EVENT_MAX;  // ids sysdig 0.29.3 knows
constexpr size_t kMaxParams = 32;          // the widest event has 31

inline bool is_known_event(uint16_t type) { return type < kEventMax; }
inline const EventInfo& event_info(uint16_t type) { return k_event_table[type]; }

// Lookups by name; nullptr/-1 when unknown.
const char* errno_name(int64_t err);  // err > 0
const char* signal_name(uint64_t sig);
// Name sysdig 0.29.3 gives to a PPM_SC syscall code (generic events).
const char* syscall_name(uint16_t ppm_sc);
// Category sysdig 0.29.3 gives a generic event of that syscall.
EventClass syscall_category(uint16_t ppm_sc);
const FlagTable* flag_table_by_name(std::string_view name);

}  // namespace sysray
