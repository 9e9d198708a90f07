#include "fields/field_classes.h"

namespace sysray {

const std::vector<FieldClass>& field_classes() {
  static const std::vector<FieldClass> classes = {
      evt_field_class(),       evt_syscall_field_class(), process_field_class(), user_field_class(),
      group_field_class(),     container_field_class(),   fd_field_class(),      syslog_field_class(),
      fdlist_field_class(),
  };
  return classes;
}

}  // namespace sysray
