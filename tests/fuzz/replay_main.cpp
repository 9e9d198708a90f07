// Replays inputs through a libFuzzer harness without libFuzzer, so that the
// inputs that once crashed a harness (tests/fuzz/regressions/HARNESS/) and
// its hand-written seeds (tests/fuzz/seeds/HARNESS/) run in the normal test
// suite with any compiler. Arguments: files or directories of inputs.
#include <cstdint>
#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

void replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::printf("replaying %s (%zu bytes)\n", file.c_str(), bytes.size());
  std::fflush(stdout);  // so that a crash shows which input it was
  LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path arg = argv[i];
    if (std::filesystem::is_directory(arg)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(arg))
        if (entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) replay(f), ++count;
    } else if (std::filesystem::is_regular_file(arg)) {
      replay(arg), ++count;
    } else {
      std::fprintf(stderr, "replay: no such input: %s\n", argv[i]);
      return 1;
    }
  }
  std::printf("%zu inputs replayed, no crash\n", count);
  return 0;
}
