// Checks on fields marked FF_TYPE_ONLY are decided by a table built when
// the filter is compiled; on real events they must agree with the field's
// own value, read the ordinary way.
#include <gtest/gtest.h>

#include <string>

#include "filters/filter.h"
#include "source/scap_reader.h"

namespace sysray {
namespace {

BoundField bind(const std::string& name) {
  BoundField field;
  size_t consumed = 0, error_pos = 0;
  std::string error;
  EXPECT_TRUE(parse_field(name, 0, field, &consumed, &error, &error_pos)) << error;
  return field;
}

TEST(TypeTable, AgreesWithTheFieldValueOnEveryEvent) {
  struct Case {
    const char* filter;
    const char* field;
    // The expected result from the extracted value.
    bool (*expect)(const FieldValue& v);
  } cases[] = {
      {"evt.dir=<", "evt.dir", [](const FieldValue& v) { return v.present && v.str == "<"; }},
      {"evt.dir!=<", "evt.dir", [](const FieldValue& v) { return v.present && v.str != "<"; }},
      {"evt.is_io=true", "evt.is_io", [](const FieldValue& v) { return v.present && v.num == 1; }},
      {"evt.is_io_read=true", "evt.is_io_read", [](const FieldValue& v) { return v.present && v.num == 1; }},
      {"evt.is_io_write=false", "evt.is_io_write", [](const FieldValue& v) { return v.present && v.num == 0; }},
      {"evt.is_wait=true", "evt.is_wait", [](const FieldValue& v) { return v.present && v.num == 1; }},
      {"evt.io_dir=read", "evt.io_dir", [](const FieldValue& v) { return v.present && v.str == "read"; }},
      {"evt.io_dir exists", "evt.io_dir", [](const FieldValue& v) { return v.present; }},
  };
  size_t events = 0, matched = 0;
  for (const char* capture : {"curl_google.scap", "cat_write.scap", "syscall.scap"}) {
    for (const Case& c : cases) {
      auto filter = compile_filter(c.filter);
      BoundField field = bind(c.field);
      ScapReader reader(std::string(SYSRAY_SHARED_DIR) + "/traces/" + capture);
      State state;
      reader.open(state);
      StreamInfo stream;
      EventContext ctx;
      Event event;
      while (reader.next(event)) {
        state.process_event(event, ctx);
        FieldInput in{state, event, ctx, stream};
        FieldValue v;
        field.extract(in, v);
        const bool got = filter->matches(in);
        ASSERT_EQ(got, c.expect(v)) << capture << ": " << c.filter << " on event " << event.num;
        ++events;
        matched += got;
      }
    }
  }
  EXPECT_GT(events, 1000u);
  EXPECT_GT(matched, 100u);
}

}  // namespace
}  // namespace sysray
