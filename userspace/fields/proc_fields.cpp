// The proc.* and thread.* fields: the process and thread behind the event.
#include <bit>

#include "fields/field_classes.h"
#include "fields/field_helpers.h"
#include "sysray_event_ids.h"

namespace sysray {

const ThreadInfo* ancestor_start(const FieldInput& in) {
  return in.ctx.thread ? &in.state.fd_owner(*in.ctx.thread) : nullptr;
}

const ThreadInfo* ancestor_parent(const FieldInput& in, const ThreadInfo& t) {
  return t.ptid < 0 ? nullptr : in.state.find_thread(t.ptid);
}

namespace {

using namespace field_helpers;
using P = ParamType;
constexpr PrintFormat NA = PrintFormat::NA, DEC = PrintFormat::DEC;
constexpr FieldArg NONE = FieldArg::None;

const ThreadInfo* thread_of(const FieldInput& in) { return in.ctx.thread; }

// The ancestor `level` steps up (0 = the thread's process itself).
const ThreadInfo* ancestor(const FieldInput& in, int64_t level) {
  const ThreadInfo* t = ancestor_start(in);
  for (int64_t i = 0; i < level && t; ++i) t = ancestor_parent(in, *t);
  return t;
}

void append_joined(const std::vector<std::string>& parts, std::string& out) {
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += ' ';
    out += parts[i];
  }
}

bool proc_pid(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, t->pid);
}
bool proc_name(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_str(out, t->comm);
}
bool proc_exe(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_str(out, t->exe);
}
bool proc_exepath(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_str(out, t->exepath);
}
bool proc_args(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  if (!t) return false;
  s.clear();
  append_joined(t->args, s);
  return set_str(out, s);
}
bool proc_cmdline(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  if (!t) return false;
  s = t->comm;
  if (!t->args.empty()) s += ' ';
  append_joined(t->args, s);
  return set_str(out, s);
}
bool proc_exeline(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  if (!t) return false;
  s = t->exe;
  if (!t->args.empty()) s += ' ';
  append_joined(t->args, s);
  return set_str(out, s);
}
bool proc_cwd(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_str(out, in.state.cwd(*t));
}
bool proc_ppid(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* p = ancestor(in, 1);
  return p && set_num(out, p->pid);
}
bool proc_pname(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* p = ancestor(in, 1);
  return p && set_str(out, p->comm);
}
bool proc_apid(const FieldInput& in, const FieldArgValue& arg, std::string&, FieldValue& out) {
  const ThreadInfo* p = ancestor(in, arg.has_index ? arg.index : 0);
  return p && set_num(out, p->pid);
}
bool proc_aname(const FieldInput& in, const FieldArgValue& arg, std::string&, FieldValue& out) {
  const ThreadInfo* p = ancestor(in, arg.has_index ? arg.index : 0);
  return p && set_str(out, p->comm);
}
bool proc_fdlimit(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, in.state.fd_owner(*t).fdlimit);
}
bool proc_fdopencount(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, int64_t(in.state.fd_owner(*t).fds.size()));
}
bool proc_vmsize(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, in.state.fd_owner(*t).vmsize_kb);
}
bool proc_vmrss(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, in.state.fd_owner(*t).vmrss_kb);
}
bool proc_vmswap(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, in.state.fd_owner(*t).vmswap_kb);
}
bool proc_sid(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, t->sid);
}
bool proc_vpid(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && t->vpid >= 0 && set_num(out, t->vpid);  // -1: not recorded
}
bool proc_tty(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, t->tty);
}
bool thread_tid(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, in.event.tid);
}
bool thread_vtid(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && t->vtid >= 0 && set_num(out, t->vtid);
}
bool thread_ismain(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, t->is_main_thread());
}
bool thread_pfmajor(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, int64_t(t->pfmajor));
}
bool thread_pfminor(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, int64_t(t->pfminor));
}
bool thread_cgroups(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  if (!t) return false;
  s.clear();
  append_joined(t->cgroups, s);
  return set_str(out, s);
}

bool proc_env(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  if (!t) return false;
  s.clear();
  append_joined(in.state.fd_owner(*t).env, s);
  return set_str(out, s);
}
// Threads of the event's process that the state knows, main thread included.
int64_t thread_count(const FieldInput& in, const ThreadInfo& t) {
  int64_t n = 0;
  for (const auto& [tid, other] : in.state.threads()) n += other.pid == t.pid;
  return n;
}
bool proc_nthreads(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, thread_count(in, *t));
}
bool proc_nchilds(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  if (!t) return false;
  int64_t n = thread_count(in, *t);
  return set_num(out, n > 0 ? n - 1 : 0);
}
bool proc_pcmdline(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  const ThreadInfo* p = ancestor(in, 1);
  if (!p) return false;
  s = p->comm;
  if (!p->args.empty()) s += ' ';
  append_joined(p->args, s);
  return set_str(out, s);
}
bool is_shell(std::string_view comm) {
  static constexpr std::string_view kShells[] = {"sh", "bash", "dash", "zsh", "ksh", "csh", "tcsh", "fish", "ash"};
  for (std::string_view shell : kShells) {
    if (comm == shell) return true;
  }
  return false;
}
// The pid of the eldest shell among the process and its ancestors.
bool proc_loginshellid(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  int64_t found = -1;
  for (int64_t level = 0;; ++level) {
    const ThreadInfo* a = ancestor(in, level);
    if (!a) break;
    if (is_shell(a->comm)) found = a->pid;
  }
  return found >= 0 && set_num(out, found);
}
bool proc_duration(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  if (!t) return false;
  // sysdig measures from the thread's own clone: a thread started during the
  // capture has a duration even when its process started before it.
  uint64_t start = t->clone_ts;
  return start != 0 && set_num(out, int64_t(in.event.ts - start));
}
bool proc_fdusage(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  if (!t) return false;
  const ThreadInfo& owner = in.state.fd_owner(*t);
  double usage = owner.fdlimit > 0 ? 100.0 * double(owner.fds.size()) / double(owner.fdlimit) : 0.0;
  return set_double(out, usage);
}
// sysray does not follow scheduler switches: CPU time is not known.
bool thread_exectime(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return thread_of(in) && set_num(out, 0);
}
// thread.cpu: on procinfo events, the CPU ticks used since the thread's
// previous procinfo (0 the first time, at most 100), as sysdig computes it
// when the field is read. Other events have no value.
bool thread_cpu_ticks(const FieldInput& in, int which, FieldValue& out) {
  if (in.event.type != PPME_PROCINFO_E || !in.ctx.thread) return false;
  const uint64_t user = in.event.param_int<uint64_t>(0), system = in.event.param_int<uint64_t>(1);
  const uint64_t ticks = which == 1 ? user : which == 2 ? system : user + system;
  uint64_t& last = in.ctx.thread->last_cpu_ticks[which];
  double value = last ? double(ticks - last) : 0.0;
  if (value > 100) value = 100;  // sysdig's cap: one CPU over a one-second list
  last = ticks;
  out.present = true;
  out.is_string = false;
  out.num = std::bit_cast<int64_t>(value);
  return true;
}
bool thread_cpu(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return thread_cpu_ticks(in, 0, out);
}
bool thread_cpu_user(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return thread_cpu_ticks(in, 1, out);
}
bool thread_cpu_system(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return thread_cpu_ticks(in, 2, out);
}
bool thread_cgroup(const FieldInput& in, const FieldArgValue& arg, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  if (!t) return false;
  for (const std::string& cgroup : t->cgroups) {  // "subsystem=path"
    std::string_view entry = cgroup;
    size_t eq = entry.find('=');
    if (eq != std::string_view::npos && entry.substr(0, eq) == arg.name) return set_str(out, entry.substr(eq + 1));
  }
  return false;
}
// The process's memory, shown on its main thread only.
bool thread_vmsize(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, t->is_main_thread() ? t->vmsize_kb : 0);
}
bool thread_vmrss(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, t->is_main_thread() ? t->vmrss_kb : 0);
}
// The session leader: the eldest ancestor in the same session.
bool proc_sname(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = ancestor(in, 0);
  if (!t) return false;
  const ThreadInfo* leader = t;
  for (int64_t level = 1;; ++level) {
    const ThreadInfo* a = ancestor(in, level);
    if (!a || a->sid != t->sid) break;
    leader = a;
  }
  return set_str(out, leader->comm);
}
bool proc_vpgid(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const ThreadInfo* t = thread_of(in);
  return t && set_num(out, t->vpgid);
}
// Container probes and exe writability need facts sysray's captures lack.
bool proc_false(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return thread_of(in) && set_num(out, 0);
}

const FieldDef k_process_fields[] = {
    {"proc.pid", P::INT64, DEC, NONE, 0, "the process id of the thread behind the event", proc_pid},
    {"proc.exe", P::CHARBUF, NA, NONE, 0, "argv[0] of the process (usually the executable name)", proc_exe},
    {"proc.name", P::CHARBUF, NA, NONE, 0, "the process name (comm), without a path", proc_name},
    {"proc.args", P::CHARBUF, NA, NONE, 0, "the command line arguments, space separated", proc_args},
    {"proc.env", P::CHARBUF, NA, NONE, 0, "the process's environment, space separated", proc_env},
    {"proc.cmdline", P::CHARBUF, NA, NONE, 0, "proc.name followed by proc.args", proc_cmdline},
    {"proc.exeline", P::CHARBUF, NA, NONE, 0, "proc.exe followed by proc.args", proc_exeline},
    {"proc.cwd", P::CHARBUF, NA, NONE, 0, "the process's working directory", proc_cwd},
    {"proc.nthreads", P::UINT64, DEC, NONE, 0, "how many threads the process has, the main one included", proc_nthreads},
    {"proc.nchilds", P::UINT64, DEC, NONE, 0, "how many threads the process has besides the main one", proc_nchilds},
    {"proc.ppid", P::INT64, DEC, NONE, 0, "the parent process id", proc_ppid},
    {"proc.pname", P::CHARBUF, NA, NONE, 0, "the parent process name", proc_pname},
    {"proc.pcmdline", P::CHARBUF, NA, NONE, 0, "the parent's proc.cmdline", proc_pcmdline},
    {"proc.apid", P::INT64, DEC, FieldArg::Index, 0, "an ancestor's pid: [0] the process, [1] its parent, [2] the grandparent...; without index (filters only) any ancestor", proc_apid},
    {"proc.aname", P::CHARBUF, NA, FieldArg::Index, 0, "an ancestor's name: [0] the process, [1] its parent...; without index (filters only) any ancestor", proc_aname},
    {"proc.loginshellid", P::INT64, DEC, NONE, 0, "the pid of the eldest shell among the process and its ancestors", proc_loginshellid},
    {"proc.duration", P::RELTIME, DEC, NONE, 0, "nanoseconds since the process started", proc_duration},
    {"proc.fdopencount", P::UINT64, DEC, NONE, 0, "how many fds the process has open", proc_fdopencount},
    {"proc.fdlimit", P::INT64, DEC, NONE, 0, "the most fds the process may open", proc_fdlimit},
    {"proc.fdusage", P::DOUBLE, NA, NONE, 0, "open fds as a percentage of the fd limit", proc_fdusage},
    {"proc.vmsize", P::UINT64, DEC, NONE, 0, "the process's virtual memory size in KiB", proc_vmsize},
    {"proc.vmrss", P::UINT64, DEC, NONE, 0, "the process's resident memory in KiB", proc_vmrss},
    {"proc.vmswap", P::UINT64, DEC, NONE, 0, "the process's swapped memory in KiB", proc_vmswap},
    {"thread.pfmajor", P::UINT64, DEC, NONE, 0, "major page faults since the thread started", thread_pfmajor},
    {"thread.pfminor", P::UINT64, DEC, NONE, 0, "minor page faults since the thread started", thread_pfminor},
    {"thread.tid", P::INT64, DEC, NONE, 0, "the id of the thread behind the event", thread_tid},
    {"thread.ismain", P::BOOL, NA, NONE, 0, "true if the thread is its process's main thread", thread_ismain},
    {"thread.exectime", P::RELTIME, DEC, NONE, 0, "CPU time of the last scheduled thread, from switch events (0: sysray does not follow them)", thread_exectime},
    {"thread.totexectime", P::RELTIME, DEC, NONE, 0, "total CPU time of the thread, from switch events (0: sysray does not follow them)", thread_exectime},
    {"thread.cgroups", P::CHARBUF, NA, NONE, 0, "all the thread's cgroups, space separated", thread_cgroups},
    {"thread.cgroup", P::CHARBUF, NA, FieldArg::Name, FF_ARG_REQUIRED, "the thread's cgroup in one subsystem, e.g. thread.cgroup.cpuacct", thread_cgroup},
    {"thread.vtid", P::INT64, DEC, NONE, 0, "the thread id inside its pid namespace", thread_vtid},
    {"proc.vpid", P::INT64, DEC, NONE, 0, "the process id inside its pid namespace", proc_vpid},
    {"thread.cpu", P::DOUBLE, NA, NONE, FF_READ_CHANGES_STATE, "on procinfo events, the CPU ticks the thread used since its previous procinfo (at most 100)", thread_cpu},
    {"thread.cpu.user", P::DOUBLE, NA, NONE, FF_READ_CHANGES_STATE, "on procinfo events, the user CPU ticks since the previous procinfo (at most 100)", thread_cpu_user},
    {"thread.cpu.system", P::DOUBLE, NA, NONE, FF_READ_CHANGES_STATE, "on procinfo events, the system CPU ticks since the previous procinfo (at most 100)", thread_cpu_system},
    {"thread.vmsize", P::UINT64, DEC, NONE, 0, "on the main thread, the process's virtual memory in KiB; 0 on other threads", thread_vmsize},
    {"thread.vmrss", P::UINT64, DEC, NONE, 0, "on the main thread, the process's resident memory in KiB; 0 on other threads", thread_vmrss},
    {"proc.sid", P::INT64, DEC, NONE, 0, "the process's session id", proc_sid},
    {"proc.sname", P::CHARBUF, NA, NONE, 0, "the name of the process's session leader", proc_sname},
    {"proc.tty", P::UINT32, DEC, NONE, 0, "the controlling terminal, 0 if none", proc_tty},
    {"proc.exepath", P::CHARBUF, NA, NONE, 0, "the full path of the executable", proc_exepath},
    {"proc.vpgid", P::INT64, DEC, NONE, 0, "the process group id inside its pid namespace", proc_vpgid},
    {"proc.is_container_healthcheck", P::BOOL, NA, NONE, 0, "true if the process runs a container's health check", proc_false},
    {"proc.is_container_liveness_probe", P::BOOL, NA, NONE, 0, "true if the process runs a container's liveness probe", proc_false},
    {"proc.is_container_readiness_probe", P::BOOL, NA, NONE, 0, "true if the process runs a container's readiness probe", proc_false},
    {"proc.is_exe_writable", P::BOOL, NA, NONE, 0, "true if the user who started the process may write its executable", proc_false},
};

}  // namespace

// Only the two fields filter_alternatives() walks ancestors for.
void ancestor_value(const FieldDef& def, const ThreadInfo& ancestor, FieldValue& out) {
  out.present = true;
  if (def.extract == proc_apid) {
    set_num(out, ancestor.pid);
  } else if (def.extract == proc_aname) {
    set_str(out, ancestor.comm);
  } else {
    out.present = false;
  }
}

FieldClass process_field_class() {
  return {"process", "The process and thread behind the event.", k_process_fields, std::size(k_process_fields), nullptr};
}

}  // namespace sysray
