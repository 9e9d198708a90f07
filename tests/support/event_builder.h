// Hand-built events and state for the filter unit tests.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "event/event.h"
#include "fields/field.h"
#include "state/state.h"

namespace sysray::testing {

// Builds one event in scap layout: add parameters in order, then build().
class EventBuilder {
 public:
  EventBuilder(uint16_t type, int64_t tid) : type_(type), tid_(tid) {}
  EventBuilder& i64(int64_t v) { return bytes(&v, 8); }
  EventBuilder& u32(uint32_t v) { return bytes(&v, 4); }
  EventBuilder& u16(uint16_t v) { return bytes(&v, 2); }
  EventBuilder& str(const std::string& s) { return bytes(s.c_str(), s.size() + 1); }
  EventBuilder& buf(const std::string& s) { return bytes(s.data(), s.size()); }

  // Decodes into event; the bytes live in this builder.
  void build(Event& event, uint64_t num, uint64_t ts = 1000) {
    raw_.assign(kEventHeaderSize, 0);
    uint32_t len = uint32_t(kEventHeaderSize + 2 * params_.size());
    for (const auto& p : params_) len += uint32_t(p.size());
    uint32_t nparams = uint32_t(params_.size());
    std::memcpy(&raw_[0], &ts, 8);
    std::memcpy(&raw_[8], &tid_, 8);
    std::memcpy(&raw_[16], &len, 4);
    std::memcpy(&raw_[20], &type_, 2);
    std::memcpy(&raw_[22], &nparams, 4);
    for (const auto& p : params_) {
      uint16_t l = uint16_t(p.size());
      raw_.insert(raw_.end(), reinterpret_cast<uint8_t*>(&l), reinterpret_cast<uint8_t*>(&l) + 2);
    }
    for (const auto& p : params_) raw_.insert(raw_.end(), p.begin(), p.end());
    std::string error;
    decode_event(raw_.data(), raw_.size(), event, &error);
    event.num = num;
  }

 private:
  EventBuilder& bytes(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    params_.emplace_back(b, b + n);
    return *this;
  }
  uint16_t type_;
  int64_t tid_;
  std::vector<std::vector<uint8_t>> params_;
  std::vector<uint8_t> raw_;
};

// A state with one process "cat" (pid 100, parent "bash" pid 50, grandparent
// "sshd" pid 1) that has fd 3 open on /etc/passwd and fd 4 a TCP socket
// 127.0.0.1:40000 -> 10.1.2.3:80.
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
    return FieldInput{state, event, ctx, stream};
  }
};

}  // namespace sysray::testing
