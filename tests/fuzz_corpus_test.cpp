// Replays every input of the fuzz corpus through the formula engine, so
// that each input the fuzzer ever found stays fixed without clang.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz/formula_exercise.hpp"

namespace {

TEST(FuzzCorpus, EveryInputKeepsTheRules) {
  const std::filesystem::path corpus = OPTISCOPE_FUZZ_CORPUS_DIR;
  int inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(optiscope::fuzz::exercise_formula(text), "") << entry.path().filename();
    ++inputs;
  }
  EXPECT_GT(inputs, 0) << "no corpus in " << corpus;
}

}  // namespace
