// The user.* and group.* fields: who the process runs as.
#include "fields/field_classes.h"
#include "fields/field_helpers.h"

namespace sysray {
namespace {

using namespace field_helpers;

bool user_uid(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return in.ctx.thread && set_num(out, in.ctx.thread->uid);
}
bool user_name(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  if (!in.ctx.thread) return false;
  const UserInfo* u = in.state.find_user(in.ctx.thread->uid);
  return set_str(out, u ? std::string_view(u->name) : "<NA>");
}
bool user_homedir(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  if (!in.ctx.thread) return false;
  const UserInfo* u = in.state.find_user(in.ctx.thread->uid);
  return set_str(out, u ? std::string_view(u->homedir) : "<NA>");
}
bool user_shell(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  if (!in.ctx.thread) return false;
  const UserInfo* u = in.state.find_user(in.ctx.thread->uid);
  return set_str(out, u ? std::string_view(u->shell) : "<NA>");
}
bool user_loginuid(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return in.ctx.thread && set_num(out, int32_t(in.ctx.thread->loginuid));
}
bool user_loginname(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  if (!in.ctx.thread) return false;
  const UserInfo* u = in.state.find_user(in.ctx.thread->loginuid);
  return u && set_str(out, u->name);  // an unknown login user has no name (prints as <NA>)
}
bool group_gid(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return in.ctx.thread && set_num(out, in.ctx.thread->gid);
}
bool group_name(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  if (!in.ctx.thread) return false;
  const GroupInfo* g = in.state.find_group(in.ctx.thread->gid);
  return set_str(out, g ? std::string_view(g->name) : "<NA>");
}

const FieldDef k_user_fields[] = {
    {"user.uid", ParamType::UINT32, PrintFormat::DEC, FieldArg::None, 0, "the user id", user_uid},
    {"user.name", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the user name", user_name},
    {"user.homedir", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the user's home directory", user_homedir},
    {"user.shell", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the user's login shell", user_shell},
    {"user.loginuid", ParamType::INT64, PrintFormat::DEC, FieldArg::None, 0, "the audit (login) user id", user_loginuid},
    {"user.loginname", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the audit (login) user name", user_loginname},
};
const FieldDef k_group_fields[] = {
    {"group.gid", ParamType::UINT64, PrintFormat::DEC, FieldArg::None, 0, "the group id", group_gid},
    {"group.name", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the group name", group_name},
};

}  // namespace

FieldClass user_field_class() {
  return {"user", "The user the process runs as.", k_user_fields, std::size(k_user_fields), nullptr};
}
FieldClass group_field_class() {
  return {"group", "The group the process runs as.", k_group_fields, std::size(k_group_fields), nullptr};
}

}  // namespace sysray
