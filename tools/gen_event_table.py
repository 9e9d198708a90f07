#!/usr/bin/env python3
"""Generates sysray's event schema (C++ tables and a C header for the probe)
from the data files in userspace/event/data/.

The scap event table is sysray's one schema: the probe writes events in its
layout, the readers decode them with it, the formatter prints from it. This
script is the only place that reads the TSV files; everything else includes
what it writes.

Usage: gen_event_table.py DATA_DIR OUT_DIR
Writes OUT_DIR/event_table.gen.cpp and OUT_DIR/sysray_event_ids.h.
"""
import os
import sys

PARAM_TYPES = [  # scap's PT_* numbering, in order (ids are part of the format)
    "NONE", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64",
    "CHARBUF", "BYTEBUF", "ERRNO", "SOCKADDR", "SOCKTUPLE", "FD", "PID", "FDLIST",
    "FSPATH", "SYSCALLID", "SIGTYPE", "RELTIME", "ABSTIME", "PORT", "L4PROTO",
    "SOCKFAMILY", "BOOL", "IPV4ADDR", "DYN", "FLAGS8", "FLAGS16", "FLAGS32", "UID",
    "GID", "DOUBLE", "SIGSET", "CHARBUFARRAY", "CHARBUF_PAIR_ARRAY", "IPV4NET",
    "IPV6ADDR", "IPV6NET", "IPADDR", "IPNET", "MODE", "FSRELPATH", "ENUMFLAGS8",
    "ENUMFLAGS16", "ENUMFLAGS32", "FD32", "PID32",
]
PRINT_FORMATS = {"PF_NA": "NA", "PF_DEC": "DEC", "PF_HEX": "HEX", "PF_10_PADDED_DEC": "PADDED_DEC",
                 "PF_ID": "ID", "PF_DIR": "DIR", "PF_OCT": "OCT"}
# Dynamic parameter tables: the u8 index that starts a PT_DYN value selects
# the type its payload is encoded and printed as.
DYNAMIC_TABLES = {
    "sockopt_dynamic_param": [("UNKNOWN", "BYTEBUF", "PF_NA"), ("ERRNO", "ERRNO", "PF_DEC"),
                              ("UINT32", "UINT32", "PF_DEC"), ("UINT64", "UINT64", "PF_DEC"),
                              ("TIMEVAL", "RELTIME", "PF_DEC")],
    "ptrace_dynamic_param": [("VAL", "UINT64", "PF_HEX"), ("SIGTYPE", "SIGTYPE", "PF_DEC")],
    "bpf_dynamic_param": [("FD", "FD", "PF_DEC"), ("RES", "ERRNO", "PF_DEC")],
    "keyctl_dynamic_param": [("UINT64", "UINT64", "PF_DEC"), ("CHARBUF", "CHARBUF", "PF_NA")],
}
CATEGORY_CLASSES = ["EC_UNKNOWN", "EC_OTHER", "EC_FILE", "EC_NET", "EC_IPC", "EC_MEMORY", "EC_PROCESS",
                    "EC_SLEEP", "EC_SYSTEM", "EC_SIGNAL", "EC_USER", "EC_TIME", "EC_PROCESSING",
                    "EC_IO_READ", "EC_IO_WRITE", "EC_IO_OTHER", "EC_WAIT", "EC_SCHEDULER",
                    "EC_INTERNAL", "EC_PLUGIN", "EC_METAEVENT", "EC_ITER"]
CATEGORY_BITS = {"EC_SYSCALL": 1 << 8, "EC_TRACEPOINT": 1 << 9}
EVENT_FLAGS = ["EF_NONE", "EF_CREATES_FD", "EF_DESTROYS_FD", "EF_USES_FD", "EF_READS_FROM_FD",
               "EF_WRITES_TO_FD", "EF_MODIFIES_STATE", "EF_UNUSED", "EF_WAITS", "EF_SKIPPARSERESET",
               "EF_OLD_VERSION", "EF_DROP_SIMPLE_CONS", "EF_LARGE_PAYLOAD", "EF_USED_BY_ENTER",
               "EF_CONVERTER_MANAGED", "EF_TMP_CONVERTER_MANAGED"]
LEGACY_EVENT_MAX = 336  # PPM_EVENT_MAX of the libs that sysdig 0.29.3 links


def rows(path):
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            yield line.split("\t")


def read_events(path):
    events = {}
    for c in rows(path):
        ev_id, enum, name, direction, category, flags, nparams, params = (c + [""] * 8)[:8]
        plist = []
        for p in filter(None, params.split(";")):
            parts = p.split(":")
            pname, ptype, pfmt = parts[0], parts[1], parts[2]
            info = parts[3] if len(parts) > 3 else ""
            plist.append((pname, ptype[3:], pfmt, info))
        assert len(plist) == int(nparams), (path, ev_id)
        events[int(ev_id)] = dict(enum=enum, name=name, dir=direction, category=category,
                                  flags=flags, params=plist)
    return events


def read_flags(path):
    tables = {}
    for c in rows(path):
        if c[0] == "table":
            continue
        tables.setdefault(c[0], []).append((c[1], int(c[2], 16)))
    return tables


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def category_expr(cat):
    cls, bits = "EC_UNKNOWN", 0
    for part in cat.split("|"):
        if part in CATEGORY_BITS:
            bits |= CATEGORY_BITS[part]
        elif part != "EC_UNKNOWN":
            cls = part
    return CATEGORY_CLASSES.index(cls) | bits


def flags_expr(flags):
    value = 0
    for part in flags.split("|"):
        if part and part != "EF_NONE":
            value |= 1 << (EVENT_FLAGS.index(part) - 1)
    return value


def main():
    data_dir, out_dir = sys.argv[1], sys.argv[2]
    events = read_events(os.path.join(data_dir, "events.tsv"))
    legacy = read_events(os.path.join(data_dir, "events_legacy.tsv"))
    flags = read_flags(os.path.join(data_dir, "flags.tsv"))
    legacy_flags = read_flags(os.path.join(data_dir, "flags_legacy.tsv"))
    errnos = [(int(c[0]), c[1].strip()) for c in rows(os.path.join(data_dir, "errno.tsv"))]
    signals = [(int(c[0]), c[1].strip()) for c in rows(os.path.join(data_dir, "signals.tsv"))]
    syscalls = [(int(c[0]), c[1], c[2] if len(c) > 2 else "", c[3] if len(c) > 3 else "")
                for c in rows(os.path.join(data_dir, "syscalls.tsv"))]

    # sysdig 0.29.3 walks its own (older) flag tables; prefer them, fall back to the new ones.
    flag_tables = dict(flags)
    flag_tables.update(legacy_flags)
    flag_names = sorted(flag_tables)
    dyn_names = sorted(DYNAMIC_TABLES)

    def aux_of(ptype, info):
        if info.startswith("dirfd="):
            return int(info[6:])
        if info in flag_tables:
            return flag_names.index(info)
        if info in DYNAMIC_TABLES:
            return dyn_names.index(info)
        return -1

    out = []
    w = out.append
    w("// Generated by tools/gen_event_table.py from userspace/event/data. Do not edit.")
    w('#include "event/event_table.h"')
    w("namespace sysray {")
    # flag tables
    for i, name in enumerate(flag_names):
        entries = flag_tables[name]
        w(f"static const FlagName k_flags_{i}[] = {{" +
          ", ".join(f"{{{c_str(n)}, 0x{v:x}u}}" for n, v in entries) + "};")
    w("const FlagTable k_flag_tables[] = {")
    for i, name in enumerate(flag_names):
        w(f"  {{{c_str(name)}, k_flags_{i}, {len(flag_tables[name])}}},")
    w("};")
    w(f"const size_t k_flag_table_count = {len(flag_names)};")
    # dynamic tables
    for i, name in enumerate(dyn_names):
        w(f"static const ParamInfo k_dyn_{i}[] = {{" + ", ".join(
            f"{{{c_str(n)}, ParamType::{t}, PrintFormat::{PRINT_FORMATS[f]}, -1}}" for n, t, f in DYNAMIC_TABLES[name]) + "};")
    w("const DynamicTable k_dynamic_tables[] = {")
    for i, name in enumerate(dyn_names):
        w(f"  {{{c_str(name)}, k_dyn_{i}, {len(DYNAMIC_TABLES[name])}}},")
    w("};")

    def emit_params(prefix, ev_id, params):
        if not params:
            return "nullptr"
        w(f"static const ParamInfo {prefix}_{ev_id}[] = {{" + ", ".join(
            f"{{{c_str(n)}, ParamType::{t}, PrintFormat::{PRINT_FORMATS[f]}, {aux_of(t, info)}}}"
            for n, t, f, info in params) + "};")
        return f"{prefix}_{ev_id}"

    max_id = max(events)
    entries = []
    for ev_id in range(max_id + 1):
        e = events[ev_id]
        p = emit_params("k_params", ev_id, e["params"])
        old = legacy.get(ev_id) if ev_id < LEGACY_EVENT_MAX else None
        if old is not None:
            lp = emit_params("k_legacy_params", ev_id, old["params"])
            lname, ln = old["name"], len(old["params"])
            lflags = flags_expr(old["flags"])
            lcat = category_expr(old["category"])
        else:
            lp, lname, ln, lflags, lcat = "nullptr", "", 0, 0, 0
        entries.append(
            f"  {{{c_str(e['name'])}, {c_str(e['enum'])}, {'Direction::Enter' if e['dir'] == 'E' else 'Direction::Exit'}, "
            f"{category_expr(e['category'])}u, {flags_expr(e['flags'])}u, {len(e['params'])}, {p}, "
            f"{'true' if old is not None else 'false'}, {c_str(lname)}, {lcat}u, {lflags}u, {ln}, {lp}}},")
    w("const EventInfo k_event_table[] = {")
    out.extend(entries)
    w("};")
    w(f"static_assert(sizeof(k_event_table) / sizeof(k_event_table[0]) == {max_id + 1});")

    errno_max = max(n for n, _ in errnos)
    names = [""] * (errno_max + 1)
    for n, s in errnos:
        names[n] = s
    w("const char* const k_errno_names[] = {" + ", ".join(c_str(s) for s in names) + "};")
    w(f"const size_t k_errno_count = {errno_max + 1};")
    sig_max = max(n for n, _ in signals)
    names = [""] * (sig_max + 1)
    for n, s in signals:
        names[n] = s
    w("const char* const k_signal_names[] = {" + ", ".join(c_str(s) for s in names) + "};")
    w(f"const size_t k_signal_count = {sig_max + 1};")
    sc_max = max(n for n, _, _, _ in syscalls)
    new_names, old_names = [""] * (sc_max + 1), [""] * (sc_max + 1)
    # Syscalls sysdig 0.29.3 does not know have no category there: EC_OTHER.
    categories = ["EC_OTHER"] * (sc_max + 1)
    for n, new, old, cat in syscalls:
        new_names[n], old_names[n] = new, old
        if cat:
            categories[n] = cat
    w("const char* const k_syscall_names[] = {" + ", ".join(c_str(s) for s in new_names) + "};")
    w("const char* const k_legacy_syscall_names[] = {" + ", ".join(c_str(s) for s in old_names) + "};")
    w("const uint8_t k_legacy_syscall_categories[] = {" + ", ".join(categories) + "};")
    w(f"const size_t k_syscall_count = {sc_max + 1};")
    w("}  // namespace sysray")

    os.makedirs(out_dir, exist_ok=True)
    write_if_changed(os.path.join(out_dir, "event_table.gen.cpp"), "\n".join(out) + "\n")

    # C header shared with the BPF probe: event ids and parameter counts.
    h = ["// Generated by tools/gen_event_table.py. Do not edit.",
         "#ifndef SYSRAY_EVENT_IDS_H", "#define SYSRAY_EVENT_IDS_H", ""]
    h.append("enum sysray_event_type {")
    seen = set()
    for ev_id in range(max_id + 1):
        enum = events[ev_id]["enum"]
        if enum in seen or enum == "PPME_NA" or events[ev_id]["name"] == "NA":
            continue
        seen.add(enum)
        h.append(f"\t{enum} = {ev_id},")
    h.append("};")
    h.append(f"#define SYSRAY_EVENT_MAX {max_id + 1}")
    h.append(f"#define SYSRAY_LEGACY_EVENT_MAX {LEGACY_EVENT_MAX}")
    h.append("")
    h.append("/* Number of parameters of each event type, indexed by event id. */")
    h.append("#define SYSRAY_EVENT_NPARAMS_INIT { " + ", ".join(str(len(events[i]["params"])) for i in range(max_id + 1)) + " }")
    h.append("")
    h.append("#endif")
    write_if_changed(os.path.join(out_dir, "sysray_event_ids.h"), "\n".join(h) + "\n")


def write_if_changed(path, text):
    if os.path.exists(path) and open(path).read() == text:
        return
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
