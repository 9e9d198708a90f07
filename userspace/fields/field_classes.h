// The field classes, one file each (internal to fields/).
#pragma once

#include "fields/field.h"

namespace sysray {

FieldClass evt_field_class();          // evt.* about every event
FieldClass evt_syscall_field_class();  // evt.* about syscall events
FieldClass process_field_class();
FieldClass user_field_class();
FieldClass group_field_class();
FieldClass container_field_class();
FieldClass fd_field_class();
FieldClass syslog_field_class();
FieldClass fdlist_field_class();

}  // namespace sysray
