// The container.* fields. sysray knows a container only by its cgroup path:
// the id comes from there, "host" when there is none; the other facts
// (name, image, mounts...) need a container engine and are absent.
#include "fields/field_classes.h"
#include "fields/field_helpers.h"

namespace sysray {

namespace field_helpers {

namespace {
bool is_hex_id(std::string_view s) {
  if (s.size() < 64) return false;
  for (size_t i = 0; i < 64; ++i) {
    char c = s[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}
}  // namespace

// A 64-hex-digit id after "/docker/", "docker-", "crio-", "libpod-" or
// "cri-containerd-" in a cgroup path; sysdig shows its first 12 digits.
std::string_view container_id_of(const ThreadInfo& thread) {
  static constexpr std::string_view kPrefixes[] = {"/docker/", "docker-", "crio-", "libpod-", "cri-containerd-"};
  for (const std::string& cgroup : thread.cgroups) {
    std::string_view path = cgroup;
    for (std::string_view prefix : kPrefixes) {
      size_t at = path.find(prefix);
      if (at != std::string_view::npos && is_hex_id(path.substr(at + prefix.size()))) {
        return path.substr(at + prefix.size(), 12);
      }
    }
  }
  return {};
}

}  // namespace field_helpers

namespace {

using namespace field_helpers;

bool container_id(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  if (!in.ctx.thread) return false;
  std::string_view id = container_id_of(*in.ctx.thread);
  return set_str(out, id.empty() ? "host" : id);
}
// Without an engine, the name is known on the host only.
bool container_name(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return in.ctx.thread && container_id_of(*in.ctx.thread).empty() && set_str(out, "host");
}
bool container_type(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  if (!in.ctx.thread) return false;
  return set_str(out, container_id_of(*in.ctx.thread).empty() ? "host" : "docker");
}
bool engine_only(const FieldInput&, const FieldArgValue&, std::string&, FieldValue&) { return false; }

using P = ParamType;
constexpr PrintFormat NA = PrintFormat::NA;
constexpr FieldArg NONE = FieldArg::None;

const FieldDef k_container_fields[] = {
    {"container.id", P::CHARBUF, NA, NONE, 0, "the container id (12 hex digits), or 'host'", container_id},
    {"container.name", P::CHARBUF, NA, NONE, 0, "the container name, or 'host'", container_name},
    {"container.image", P::CHARBUF, NA, NONE, 0, "the container's image name, e.g. falcosecurity/falco:latest", engine_only},
    {"container.image.id", P::CHARBUF, NA, NONE, 0, "the container's image id, e.g. 6f7e2741b66b", engine_only},
    {"container.type", P::CHARBUF, NA, NONE, 0, "the container engine: docker, rkt, ... or 'host'", container_type},
    {"container.privileged", P::BOOL, NA, NONE, 0, "true for a container running privileged", engine_only},
    {"container.mounts", P::CHARBUF, NA, NONE, 0, "the container's mounts, space separated, each source:dest:mode:rdrw:propagation", engine_only},
    {"container.mount", P::CHARBUF, NA, FieldArg::Index, FF_ARG_REQUIRED, "one mount, by number or by source path (a glob)", engine_only},
    {"container.mount.source", P::CHARBUF, NA, FieldArg::Index, FF_ARG_REQUIRED, "a mount's source, by number or by destination path", engine_only},
    {"container.mount.dest", P::CHARBUF, NA, FieldArg::Index, FF_ARG_REQUIRED, "a mount's destination, by number or by source path", engine_only},
    {"container.mount.mode", P::CHARBUF, NA, FieldArg::Index, FF_ARG_REQUIRED, "a mount's mode, by number or by source path", engine_only},
    {"container.mount.rdwr", P::CHARBUF, NA, FieldArg::Index, FF_ARG_REQUIRED, "whether a mount is read-write, by number or by source path", engine_only},
    {"container.mount.propagation", P::CHARBUF, NA, FieldArg::Index, FF_ARG_REQUIRED, "a mount's propagation, by number or by source path", engine_only},
    {"container.image.repository", P::CHARBUF, NA, NONE, 0, "the image's repository, e.g. falcosecurity/falco", engine_only},
    {"container.image.tag", P::CHARBUF, NA, NONE, 0, "the image's tag, e.g. latest", engine_only},
    {"container.image.digest", P::CHARBUF, NA, NONE, 0, "the image's registry digest, sha256:...", engine_only},
    {"container.healthcheck", P::CHARBUF, NA, NONE, 0, "the container's health check command line", engine_only},
    {"container.liveness_probe", P::CHARBUF, NA, NONE, 0, "the container's liveness probe command line", engine_only},
    {"container.readiness_probe", P::CHARBUF, NA, NONE, 0, "the container's readiness probe command line", engine_only},
};

}  // namespace

FieldClass container_field_class() {
  return {"container", "The container the process runs in; 'host' for processes outside containers.",
          k_container_fields, std::size(k_container_fields), nullptr};
}

}  // namespace sysray
