#include "counting_heap.h"

#include <gtest/gtest.h>

namespace mk::bench {
namespace {

TEST(CountingHeap, ChargesEachBlockToTheSideActiveWhenItWasAllocated) {
  CountingHeap heap;
  heap.set_side(Side::client);
  void* a = heap.allocate(100);
  heap.set_side(Side::server);
  void* b = heap.allocate(30);
  EXPECT_EQ(heap.count(Side::client).current, 100u);
  EXPECT_EQ(heap.count(Side::server).current, 30u);
  heap.release(a);  // freed during a server call, still the client's block
  EXPECT_EQ(heap.count(Side::client).current, 0u);
  EXPECT_EQ(heap.count(Side::server).current, 30u);
  heap.release(b);
}

TEST(CountingHeap, PeakRemembersTheHighestLevelSinceTheLastReset) {
  CountingHeap heap;
  heap.set_side(Side::client);
  void* a = heap.allocate(50);
  void* b = heap.allocate(70);
  heap.release(b);
  EXPECT_EQ(heap.count(Side::client).peak, 120u);
  heap.reset_peak(Side::client);
  EXPECT_EQ(heap.count(Side::client).peak, 50u);
  heap.release(a);
}

TEST(CountingHeap, ReallocMovesTheBlockToTheCurrentSideAndSize) {
  CountingHeap heap;
  heap.set_side(Side::client);
  void* a = heap.allocate(10);
  heap.set_side(Side::server);
  a = heap.reallocate(a, 40);
  EXPECT_EQ(heap.count(Side::client).current, 0u);
  EXPECT_EQ(heap.count(Side::server).current, 40u);
  EXPECT_EQ(heap.count(Side::server).allocations, 1u);
  heap.release(a);
}

TEST(CountingHeap, BlocksCountsWhatIsLiveNotWhatWasEverAllocated) {
  CountingHeap heap;
  heap.set_side(Side::server);
  void* a = heap.allocate(8);
  void* b = heap.allocate(8);
  heap.release(a);
  EXPECT_EQ(heap.count(Side::server).blocks, 1u);
  EXPECT_EQ(heap.count(Side::server).allocations, 2u);
  heap.release(b);
  EXPECT_EQ(heap.count(Side::server).blocks, 0u);
}

TEST(CountingHeap, BlocksAreAlignedLikeMalloc) {
  CountingHeap heap;
  void* a = heap.allocate(1);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 16, 0u);
  heap.release(a);
}

TEST(CountingHeap, SideScopeRestoresThePreviousSide) {
  meerkat_heap().set_side(Side::client);
  {
    HeapSideScope scope(Side::server);
    EXPECT_EQ(meerkat_heap().side(), Side::server);
    EXPECT_EQ(openssl_heap().side(), Side::server);
  }
  EXPECT_EQ(meerkat_heap().side(), Side::client);
  meerkat_heap().set_side(Side::none);
}

}  // namespace
}  // namespace mk::bench
