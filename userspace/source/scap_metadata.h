// Loaders for the metadata blocks of a .scap capture (scap-format.md
// §1.4-1.8). Each takes the block body (without framing) and fills State
// through its add_* calls; damage throws FieldError at the bad field.
#pragma once

#include "source/field_reader.h"
#include "state/state.h"

namespace sysray::scap {

void load_machine_info(FieldReader body, MachineInfo& machine);
void load_process_list(FieldReader body, int version, State& state);
void load_fd_list(FieldReader body, int version, State& state);
void load_interface_list(FieldReader body, int version, State& state);
void load_user_list(FieldReader body, int version, State& state);

}  // namespace sysray::scap
