// Buffer (src/base/alloc.h): what it allocates, and what is left in memory it
// releases: wiped up to the bytes written by default, untouched for Wipe::never.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "base/alloc.h"
#include "meerkat/meerkat.h"

namespace mk {
namespace {

// An allocator hook that remembers the bytes of the last block freed.
struct Recorder {
  std::string last_freed;
  size_t allocated = 0;
};
Recorder* g_recorder = nullptr;

void* record_alloc(void*, size_t n) {
  g_recorder->allocated = n;
  return std::malloc(n);
}
void record_free(void*, void* p, size_t n) {
  g_recorder->last_freed.assign(static_cast<const char*>(p), n);
  std::free(p);
}
void* plain_alloc(void*, size_t n) {
  return std::malloc(n);
}
void plain_free(void*, void* p, size_t) {
  std::free(p);
}

class BufferMemory : public ::testing::Test {
 protected:
  void SetUp() override {
    g_recorder = &recorder_;
    const mk_allocator hook{record_alloc, record_free, nullptr};
    mk_set_allocator(&hook);
  }
  void TearDown() override {
    const mk_allocator plain{plain_alloc, plain_free, nullptr};
    mk_set_allocator(&plain);
    g_recorder = nullptr;
  }
  Recorder recorder_;
};

ByteView bytes(const char* s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s), std::strlen(s));
}

TEST_F(BufferMemory, ReleasedBytesAreWiped) {
  Buffer b;
  ASSERT_TRUE(b.append(bytes("a private key")));
  b.reset();
  EXPECT_EQ(recorder_.last_freed.substr(0, 13), std::string(13, '\0'));
}

TEST_F(BufferMemory, TheOldBlockIsWipedWhenTheBufferGrows) {
  Buffer b;
  ASSERT_TRUE(b.append(bytes("secret")));
  ASSERT_TRUE(b.resize(4096));  // a new block; the old one is released
  EXPECT_EQ(recorder_.last_freed.substr(0, 6), std::string(6, '\0'));
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(b.data()), 6), "secret");
}

TEST_F(BufferMemory, ARecordBufferIsNotWiped) {
  Buffer b(Buffer::Wipe::never);
  ASSERT_TRUE(b.append(bytes("ciphertext")));
  b.reset();
  EXPECT_EQ(recorder_.last_freed.substr(0, 10), "ciphertext");
}

TEST_F(BufferMemory, ALargeReserveAllocatesExactlyWhatItAsks) {
  Buffer b;
  ASSERT_TRUE(b.reserve(16389));
  EXPECT_EQ(recorder_.allocated, 16389u);
  EXPECT_EQ(b.capacity(), 16389u);
}

TEST(Buffer, ResizeUninitKeepsTheContentAndSetsTheSize) {
  Buffer b;
  ASSERT_TRUE(b.append(bytes("head")));
  ASSERT_TRUE(b.resize_uninit(100));
  EXPECT_EQ(b.size(), 100u);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(b.data()), 4), "head");
}

TEST(Buffer, ResizeZeroFillsTheGrowth) {
  Buffer b;
  ASSERT_TRUE(b.append(bytes("x")));
  ASSERT_TRUE(b.resize(8));
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(b.data()), 8),
            std::string("x") + std::string(7, '\0'));
}

TEST_F(BufferMemory, AMovedBufferKeepsItsWipeChoice) {
  Buffer a(Buffer::Wipe::never);
  ASSERT_TRUE(a.append(bytes("ciphertext")));
  Buffer b(std::move(a));
  b.reset();
  EXPECT_EQ(recorder_.last_freed.substr(0, 10), "ciphertext");
}

}  // namespace
}  // namespace mk
