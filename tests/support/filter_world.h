// A small hand-made state for field and filter tests: one process "cat"
// (pid 100, parent "bash" pid 50, grandparent "sshd" pid 1) with fd 3 open on
// /etc/passwd and fd 4 a TCP socket 127.0.0.1:40000 -> 10.1.2.3:80.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

#include "event/event.h"
#include "fields/field.h"
#include "state/state.h"

namespace sysray::test {

struct FilterWorld {
  State state;
  StreamInfo stream;
  EventContext ctx;

  FilterWorld() {
    add("sshd", 1, 0);
    add("bash", 50, 1);
    ThreadInfo& cat = add("cat", 100, 50);
    cat.cwd = "/home/me/";
    FdInfo file;
    file.type = FdType::File;
    file.name = "/etc/passwd";
    state.add_fd(100, 3, file);
    FdInfo sock;
    sock.type = FdType::Ipv4Sock;
    sock.l4proto = L4Proto::Tcp;
    sock.role = FdRole::Client;
    sock.name = "127.0.0.1:40000->10.1.2.3:80";
    uint8_t lo[4] = {127, 0, 0, 1}, remote[4] = {10, 1, 2, 3};
    std::memcpy(sock.sip, lo, 4);
    std::memcpy(sock.dip, remote, 4);
    sock.sport = 40000;
    sock.dport = 80;
    state.add_fd(100, 4, sock);
  }

  ThreadInfo& add(const std::string& comm, int64_t pid, int64_t ppid) {
    ThreadInfo t;
    t.tid = t.pid = pid;
    t.ptid = ppid;
    t.comm = t.exe = comm;
    t.uid = 0;
    return state.add_thread(t);
  }

  // The context of an event of thread 100 working on fd (or none when -1).
  // The value of a field as -p would print it, or "<absent>".
  std::string field(const char* name, const Event& event, int64_t fd = -1) {
    BoundField f;
    size_t consumed, error_pos;
    std::string error, out;
    if (!parse_field(name, 0, f, &consumed, &error, &error_pos)) return "<bad field: " + error + ">";
    return f.append_string(input(event, fd), out) ? out : "<absent>";
  }

  FieldInput input(const Event& event, int64_t fd = -1) {
    ctx = EventContext{};
    ctx.thread = state.find_thread(event.tid);
    ctx.fd = fd;
    ctx.fd_info = fd >= 0 && ctx.thread ? state.find_fd(*ctx.thread, fd) : nullptr;
    // The thread's current fd, as the state would have left it.
    if (ctx.thread) ctx.thread->last_event_fd = fd >= 0 ? fd : -1;
    return FieldInput{state, event, ctx, stream};
  }
};

}  // namespace sysray::test
