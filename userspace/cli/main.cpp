#include <cstdio>

int main(int argc, char** argv) {
  std::printf("sysray %s\n", SYSRAY_VERSION);
  return 0;
}
