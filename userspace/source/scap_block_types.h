// The block type ids of the .scap container and what each one holds
// (scap-format.md §1.2). Legacy "_INT" ids are the same blocks under older
// numbers.
#pragma once

#include <cstdint>

namespace sysray::scap {

constexpr uint32_t kSectionHeader = 0x0A0D0D0A;
constexpr uint32_t kByteOrderMagic = 0x1A2B3C4D;
constexpr uint32_t kSwappedByteOrderMagic = 0x4D3C2B1A;
constexpr uint16_t kMaxMajorVersion = 1;

// Framing: u32 type, u32 total length, body, padding, u32 total length.
constexpr uint32_t kBlockHeaderSize = 8;
constexpr uint32_t kBlockTrailerSize = 4;
constexpr uint32_t kMinBlockSize = kBlockHeaderSize + kBlockTrailerSize;
constexpr uint32_t kSectionHeaderSize = 28;
constexpr uint32_t kSectionHeaderBody = 16;  // magic, major, minor, section length

enum class BlockKind {
  Unknown, SectionHeader, MachineInfo, ProcessList, FdList, InterfaceList, UserList, Event,
};

struct BlockInfo {
  BlockKind kind = BlockKind::Unknown;
  int version = 0;          // PL: 1..9; FDL/IL/UL: 1..2; events: 1..2
  bool has_flags = false;   // EVF: a u32 of dump flags after the cpu id
  bool large = false;       // *_LARGE: exempt from the 64 KiB event cap
};

constexpr BlockInfo block_info(uint32_t type) {
  using K = BlockKind;
  switch (type) {
    case kSectionHeader: return {K::SectionHeader, 1};
    case 0x201: case 0x8002ABCD: return {K::MachineInfo, 1};
    case 0x202: case 0x8000ABCD: return {K::ProcessList, 1};
    case 0x207: case 0x8013ABCD: return {K::ProcessList, 2};
    case 0x209: case 0x8014ABCD: return {K::ProcessList, 3};
    case 0x210: return {K::ProcessList, 4};
    case 0x211: return {K::ProcessList, 5};
    case 0x212: return {K::ProcessList, 6};
    case 0x213: return {K::ProcessList, 7};
    case 0x214: return {K::ProcessList, 8};
    case 0x215: return {K::ProcessList, 9};
    case 0x203: case 0x8001ABCD: return {K::FdList, 1};
    case 0x218: return {K::FdList, 2};
    case 0x205: case 0x8011ABCD: return {K::InterfaceList, 1};
    case 0x219: return {K::InterfaceList, 2};
    case 0x206: case 0x8012ABCD: return {K::UserList, 1};
    case 0x220: return {K::UserList, 2};
    case 0x204: case 0x8010ABCD: return {K::Event, 1};
    case 0x208: return {K::Event, 1, true};
    case 0x216: return {K::Event, 2};
    case 0x217: return {K::Event, 2, true};
    case 0x221: return {K::Event, 2, false, true};
    case 0x222: return {K::Event, 2, true, true};
    default: return {};
  }
}

}  // namespace sysray::scap
