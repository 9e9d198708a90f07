// The field catalogue: sysdig's names, -l layout, and docs/fields.md.
#include "fields/field_list.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "fields/field.h"

namespace sysray {
namespace {

const char* kOutOfScope[] = {"k8s.", "mesos.", "marathon.", "span.", "evtin."};

// The field names of sysdig -l (the first word of each field line).
std::set<std::string> sysdig_field_names() {
  std::ifstream in(std::string(SYSRAY_SHARED_DIR) + "/traces/expected/sysdig-l.txt");
  std::set<std::string> names;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ' ' || line[0] == '-' || line.rfind("Field Class:", 0) == 0 ||
        line.rfind("Description:", 0) == 0) {
      continue;
    }
    std::string name = line.substr(0, line.find(' '));
    bool skip = false;
    for (const char* prefix : kOutOfScope) skip |= name.rfind(prefix, 0) == 0;
    if (!skip) names.insert(name);
  }
  return names;
}

TEST(FieldCatalogue, HasEverySysdigFieldInScopeAndNoOther) {
  std::set<std::string> expected = sysdig_field_names();
  ASSERT_GT(expected.size(), 150u);
  std::set<std::string> ours;
  for (const FieldClass& cls : field_classes()) {
    for (size_t i = 0; i < cls.count; ++i) ours.insert(cls.fields[i].name);
  }
  for (const std::string& name : expected) EXPECT_TRUE(ours.count(name)) << "missing " << name;
  for (const std::string& name : ours) EXPECT_TRUE(expected.count(name)) << "sysdig has no " << name;
}

TEST(FieldList, SysdigLayout) {
  std::ostringstream out;
  print_field_list(out, false);
  std::string text = out.str();
  EXPECT_EQ(text.rfind("-------------------------------\nField Class:                  evt (All event types)\n", 0), 0u);
  EXPECT_NE(text.find("\nevt.num                       the event's position in the stream, from 1. \n"),
            std::string::npos);
  EXPECT_NE(text.find("\nproc.is_container_liveness_probe\n                              true"), std::string::npos);
  EXPECT_NE(text.find("\nfd.ip                         (FILTER ONLY) "), std::string::npos);
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(line.size(), 120u) << line;
}

TEST(FieldList, VerboseAddsTypesAndArguments) {
  std::ostringstream out;
  print_field_list(out, true);
  EXPECT_NE(out.str().find("\nevt.num                       (Type: UINT64) "), std::string::npos);
  EXPECT_NE(out.str().find("\nproc.aname                    (Type: CHARBUF) (Optional argument: [N]) "),
            std::string::npos);
  EXPECT_NE(out.str().find("\nevt.rawarg                    (Type: DYNAMIC) (Argument: .NAME) "), std::string::npos);
}

// docs/fields.md is generated from the registry; SYSRAY_UPDATE_DOCS=1 rewrites it.
TEST(FieldDocs, UpToDate) {
  std::ostringstream generated;
  print_field_markdown(generated);
  std::string path = std::string(SYSRAY_SOURCE_DIR) + "/docs/fields.md";
  if (std::getenv("SYSRAY_UPDATE_DOCS")) {
    std::ofstream(path) << generated.str();
    return;
  }
  std::ifstream in(path);
  std::stringstream current;
  current << in.rdbuf();
  EXPECT_EQ(current.str(), generated.str()) << "docs/fields.md is stale: run with SYSRAY_UPDATE_DOCS=1";
}

}  // namespace
}  // namespace sysray
