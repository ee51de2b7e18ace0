#include <gtest/gtest.h>

#include "optiscope/core/error.hpp"
#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

std::string usage_error_of(const std::string& spec) {
  try {
    parse_optimizer_spec(spec);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(OptimizerSpec, ParsesHyperparameters) {
  const OptimizerChoice choice = parse_optimizer_spec("adam:lr=0.05,beta1=0.9,beta2=0.99,eps=1e-8");
  EXPECT_EQ(choice.label, "adam");
  EXPECT_EQ(choice.optimizer->name(), "adam");
  const Hyperparameters& h = choice.optimizer->hyperparameters();
  EXPECT_EQ(h.get("lr"), 0.05);
  EXPECT_EQ(h.get("beta2"), 0.99);
  EXPECT_EQ(h.get("eps"), 1e-8);
  EXPECT_FALSE(h.flag("amsgrad"));
}

TEST(OptimizerSpec, DefaultsFollowPyTorch) {
  const OptimizerChoice choice = parse_optimizer_spec("adam");
  const Hyperparameters& adam = choice.optimizer->hyperparameters();
  EXPECT_EQ(adam.get("lr"), 1e-3);
  EXPECT_EQ(adam.get("beta1"), 0.9);
  EXPECT_EQ(adam.get("beta2"), 0.999);
  EXPECT_EQ(adam.get("eps"), 1e-8);
  EXPECT_EQ(parse_optimizer_spec("momentum").optimizer->hyperparameters().get("momentum"), 0.9);
  EXPECT_EQ(parse_optimizer_spec("gd").optimizer->hyperparameters().get("momentum"), 0.0);
}

TEST(OptimizerSpec, LabelAndBooleans) {
  const OptimizerChoice choice =
      parse_optimizer_spec("sgd:lr=0.1,momentum=0.5,nesterov=true,label=fast");
  EXPECT_EQ(choice.label, "fast");
  EXPECT_TRUE(choice.optimizer->hyperparameters().flag("nesterov"));
}

TEST(OptimizerSpec, RepeatedLabelsGetSuffixes) {
  std::vector<OptimizerChoice> choices = {
      parse_optimizer_spec("adam"), parse_optimizer_spec("adam:lr=0.1"), parse_optimizer_spec("gd"),
      parse_optimizer_spec("adam:lr=0.2")};
  make_labels_unique(choices);
  EXPECT_EQ(choices[0].label, "adam");
  EXPECT_EQ(choices[1].label, "adam-2");
  EXPECT_EQ(choices[2].label, "gd");
  EXPECT_EQ(choices[3].label, "adam-3");
}

TEST(OptimizerSpec, UnknownOptimizerSuggests) {
  EXPECT_EQ(usage_error_of("adma"),
            "unknown optimizer 'adma'; did you mean 'adam'? Valid optimizers: gd, momentum, "
            "nesterov, sgd, adam, adamw, adamax, nadam, radam, rmsprop, adagrad, adadelta, lion "
            "(run 'optiscope list optimizers' for details)");
  EXPECT_EQ(usage_error_of("xyzzy").rfind("unknown optimizer 'xyzzy'. Valid optimizers:", 0), 0u)
      << usage_error_of("xyzzy");
}

TEST(OptimizerSpec, UnknownKeyListsValidKeys) {
  EXPECT_EQ(usage_error_of("adam:beta3=0.5"),
            "adam: unknown hyperparameter 'beta3'; did you mean 'beta1'? Valid keys: lr, beta1, "
            "beta2, eps, weight_decay, amsgrad, maximize, label");
  EXPECT_EQ(usage_error_of("gd:learning_rate=0.1"),
            "gd: unknown hyperparameter 'learning_rate'. Valid keys: lr, momentum, dampening, "
            "nesterov, weight_decay, maximize, label");
}

TEST(OptimizerSpec, OutOfRangeValues) {
  EXPECT_EQ(usage_error_of("momentum:momentum=1.5"),
            "momentum: momentum = 1.5 is invalid; it must satisfy 0 <= momentum < 1");
  EXPECT_EQ(usage_error_of("adam:beta1=1.2"),
            "adam: beta1 = 1.2 is invalid; it must satisfy 0 <= beta1 < 1");
  EXPECT_EQ(usage_error_of("adam:lr=-0.1"), "adam: lr = -0.1 is invalid; it must satisfy lr >= 0");
  EXPECT_EQ(usage_error_of("adam:beta2=1"),
            "adam: beta2 = 1 is invalid; it must satisfy 0 <= beta2 < 1");
}

TEST(OptimizerSpec, MalformedNumbers) {
  EXPECT_EQ(usage_error_of("adam:lr=abc"),
            "adam: lr = 'abc' is invalid; expected a finite number such as 0.01 or 1e-3");
  EXPECT_EQ(usage_error_of("adam:lr=0.1x"),
            "adam: lr = '0.1x' is invalid; expected a finite number such as 0.01 or 1e-3");
  EXPECT_EQ(usage_error_of("adam:lr=nan"),
            "adam: lr = 'nan' is invalid; expected a finite number such as 0.01 or 1e-3");
  EXPECT_EQ(usage_error_of("adam:lr="),
            "adam: lr = '' is invalid; expected a finite number such as 0.01 or 1e-3");
  EXPECT_EQ(usage_error_of("adam:amsgrad=maybe"),
            "adam: amsgrad = 'maybe' is invalid; write true or false");
}

TEST(OptimizerSpec, MalformedPairs) {
  EXPECT_EQ(usage_error_of("adam:lr"),
            "adam: 'lr' is not a key=value pair; write for example adam:lr=0.01");
  EXPECT_EQ(usage_error_of("adam:lr=0.1,"),
            "adam: '' is not a key=value pair; write for example adam:lr=0.01");
  EXPECT_EQ(usage_error_of(":lr=0.1"),
            "optimizer specification ':lr=0.1' has no name; write NAME[:key=value,...], such as "
            "adam:lr=0.05");
  EXPECT_EQ(usage_error_of("adam:lr=0.1,lr=0.2"),
            "adam: hyperparameter 'lr' is given twice; keep one of the values");
}

TEST(OptimizerSpec, NesterovNeedsMomentum) {
  EXPECT_EQ(usage_error_of("sgd:nesterov=true"),
            "sgd: nesterov = true requires momentum > 0 and dampening = 0; set momentum=0.9 and "
            "dampening=0, or nesterov=false");
  EXPECT_NO_THROW(parse_optimizer_spec("nesterov"));
}

TEST(EditDistance, CountsSwapsAsOneEdit) {
  EXPECT_EQ(edit_distance("adma", "adam"), 1u);
  EXPECT_EQ(edit_distance("adam", "adam"), 0u);
  EXPECT_EQ(edit_distance("", "gd"), 2u);
  EXPECT_EQ(edit_distance("momentun", "momentum"), 1u);
  EXPECT_EQ(closest_match("sdg", {"sgd", "gd"}), std::optional<std::string>("sgd"));
  EXPECT_FALSE(closest_match("xyz", {"sgd", "adam"}).has_value());
}

}  // namespace
}  // namespace optiscope
