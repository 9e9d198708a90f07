// The proc.* and thread.* fields: the process and thread behind the event.
#include "fields/field_classes.h"
#include "fields/field_helpers.h"

namespace sysray {
namespace {

using namespace field_helpers;

const ThreadInfo* thread_of(const FieldInput& in) { return in.ctx.thread; }

// The ancestor `level` steps up (0 = the thread's process itself).
const ThreadInfo* ancestor(const FieldInput& in, int64_t level) {
  const ThreadInfo* t = thread_of(in);
  if (!t) return nullptr;
  t = &in.state.fd_owner(*t);
  for (int64_t i = 0; i < level && t; ++i) {
    if (t->ptid < 0) return nullptr;
    t = in.state.find_thread(t->ptid);
  }
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
  const ThreadInfo* p = ancestor(in, arg.has_index ? arg.index : 1);
  return p && set_num(out, p->pid);
}
bool proc_aname(const FieldInput& in, const FieldArgValue& arg, std::string&, FieldValue& out) {
  const ThreadInfo* p = ancestor(in, arg.has_index ? arg.index : 1);
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
  return t && set_num(out, t->vpid);
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
  return t && set_num(out, t->vtid);
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

const FieldDef k_process_fields[] = {
    {"proc.pid", ParamType::INT64, PrintFormat::DEC, FieldArg::None, 0, "the process id of the thread behind the event", proc_pid},
    {"proc.exe", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "argv[0] of the process (usually the executable name)", proc_exe},
    {"proc.name", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the process name (comm), without a path", proc_name},
    {"proc.args", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the command line arguments, space separated", proc_args},
    {"proc.cmdline", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "proc.name followed by proc.args", proc_cmdline},
    {"proc.exeline", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "proc.exe followed by proc.args", proc_exeline},
    {"proc.cwd", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the process's working directory", proc_cwd},
    {"proc.ppid", ParamType::INT64, PrintFormat::DEC, FieldArg::None, 0, "the parent process id", proc_ppid},
    {"proc.pname", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the parent process name", proc_pname},
    {"proc.apid", ParamType::INT64, PrintFormat::DEC, FieldArg::Index, 0, "the pid of an ancestor: proc.apid[1] is the parent, [2] the grandparent", proc_apid},
    {"proc.aname", ParamType::CHARBUF, PrintFormat::NA, FieldArg::Index, 0, "the name of an ancestor: proc.aname[1] is the parent", proc_aname},
    {"proc.fdopencount", ParamType::UINT64, PrintFormat::DEC, FieldArg::None, 0, "how many fds the process has open", proc_fdopencount},
    {"proc.fdlimit", ParamType::INT64, PrintFormat::DEC, FieldArg::None, 0, "the most fds the process may open", proc_fdlimit},
    {"proc.vmsize", ParamType::UINT64, PrintFormat::DEC, FieldArg::None, 0, "the process's virtual memory size in KiB", proc_vmsize},
    {"proc.vmrss", ParamType::UINT64, PrintFormat::DEC, FieldArg::None, 0, "the process's resident memory in KiB", proc_vmrss},
    {"proc.vmswap", ParamType::UINT64, PrintFormat::DEC, FieldArg::None, 0, "the process's swapped memory in KiB", proc_vmswap},
    {"proc.sid", ParamType::INT64, PrintFormat::DEC, FieldArg::None, 0, "the process's session id", proc_sid},
    {"proc.vpid", ParamType::INT64, PrintFormat::DEC, FieldArg::None, 0, "the process id inside its pid namespace", proc_vpid},
    {"proc.tty", ParamType::UINT32, PrintFormat::DEC, FieldArg::None, 0, "the controlling terminal, 0 if none", proc_tty},
    {"proc.exepath", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the full path of the executable", proc_exepath},
    {"thread.tid", ParamType::INT64, PrintFormat::DEC, FieldArg::None, 0, "the id of the thread behind the event", thread_tid},
    {"thread.vtid", ParamType::INT64, PrintFormat::DEC, FieldArg::None, 0, "the thread id inside its pid namespace", thread_vtid},
    {"thread.ismain", ParamType::BOOL, PrintFormat::NA, FieldArg::None, 0, "true if the thread is its process's main thread", thread_ismain},
    {"thread.pfmajor", ParamType::UINT64, PrintFormat::DEC, FieldArg::None, 0, "major page faults since the thread started", thread_pfmajor},
    {"thread.pfminor", ParamType::UINT64, PrintFormat::DEC, FieldArg::None, 0, "minor page faults since the thread started", thread_pfminor},
    {"thread.cgroups", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "all the thread's cgroups, space separated", thread_cgroups},
};

}  // namespace

FieldClass process_field_class() {
  return {"process", "The process and thread behind the event.", k_process_fields, std::size(k_process_fields), nullptr};
}

}  // namespace sysray
