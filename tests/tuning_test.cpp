#include "optiscope/core/tuning.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "optiscope/core/error.hpp"
#include "optiscope/core/surfaces/catalogue.hpp"
#include "optiscope/core/text.hpp"
#include "optiscope/core/theory.hpp"

namespace optiscope {
namespace {

std::vector<std::string> keys_of(const std::vector<SearchDimension>& space) {
  std::vector<std::string> keys;
  for (const SearchDimension& dimension : space) {
    keys.push_back(dimension.key);
  }
  return keys;
}

TuningRequest small_request(const std::vector<std::string>& optimizers) {
  TuningRequest request;
  request.experiment.steps = 40;
  for (const std::string& spec : optimizers) {
    request.experiment.optimizers.push_back(parse_optimizer_entry(spec));
  }
  request.trials = 12;
  request.starts = 3;
  request.seed = 7;
  return request;
}

TEST(Tuning, DefaultSpaceCoversMainHyperparameters) {
  using Keys = std::vector<std::string>;
  EXPECT_EQ(keys_of(default_search_space("gd")), Keys({"lr"}));
  EXPECT_EQ(keys_of(default_search_space("momentum")), Keys({"lr", "momentum"}));
  EXPECT_EQ(keys_of(default_search_space("nesterov")), Keys({"lr", "momentum"}));
  EXPECT_EQ(keys_of(default_search_space("adam")), Keys({"lr", "beta1", "beta2"}));
  EXPECT_EQ(keys_of(default_search_space("lion")), Keys({"lr", "beta1", "beta2"}));
  EXPECT_EQ(keys_of(default_search_space("rmsprop")), Keys({"lr", "alpha"}));
  EXPECT_EQ(keys_of(default_search_space("adadelta")), Keys({"lr", "rho"}));
  EXPECT_EQ(keys_of(default_search_space("adagrad")), Keys({"lr"}));
  EXPECT_TRUE(default_search_space("adma").empty());
}

// Every stratum of every dimension holds exactly one setting.
TEST(Tuning, DesignIsLatinHypercube) {
  const std::vector<SearchDimension> space = default_search_space("adam");
  const long trials = 16;
  const auto design = search_design(space, trials, 3);
  ASSERT_EQ(design.size(), 16u);
  for (std::size_t d = 0; d < space.size(); ++d) {
    std::vector<double> positions;
    for (const auto& setting : design) {
      ASSERT_EQ(setting[d].first, space[d].key);
      EXPECT_GE(setting[d].second, space[d].low);
      EXPECT_LE(setting[d].second, space[d].high);
      positions.push_back(search_position(space[d], setting[d].second));
    }
    std::sort(positions.begin(), positions.end());
    for (std::size_t k = 0; k < positions.size(); ++k) {
      // Rounding to 4 digits moves a value by far less than 1e-3 of a stratum.
      EXPECT_GE(positions[k], static_cast<double>(k) / trials - 1e-4) << space[d].key << " " << k;
      EXPECT_LE(positions[k], static_cast<double>(k + 1) / trials + 1e-4)
          << space[d].key << " " << k;
    }
  }
}

TEST(Tuning, DesignDependsOnlyOnSeed) {
  const std::vector<SearchDimension> space = default_search_space("momentum");
  EXPECT_EQ(search_design(space, 20, 11), search_design(space, 20, 11));
  EXPECT_NE(search_design(space, 20, 11), search_design(space, 20, 12));
}

TEST(Tuning, DesignValuesPrintShort) {
  for (const char* name : {"adam", "momentum", "rmsprop", "adadelta"}) {
    for (const auto& setting : search_design(default_search_space(name), 64, 5)) {
      for (const auto& [key, value] : setting) {
        EXPECT_LE(format_shortest(value).size(), 10u) << name << " " << key << " " << value;
      }
    }
  }
}

TEST(Tuning, StartsLieInViewWithFiniteLoss) {
  const auto surface = make_surface("log(x) + y^2");
  const std::vector<Vec2> starts = draw_start_points(*surface, 20, 4);
  ASSERT_EQ(starts.size(), 20u);
  const Box& view = surface->info().view;
  for (Vec2 p : starts) {
    EXPECT_GT(p.x, 0.0);
    EXPECT_GE(p.x, view.x_min);
    EXPECT_LE(p.x, view.x_max);
    EXPECT_GE(p.y, view.y_min);
    EXPECT_LE(p.y, view.y_max);
  }
  EXPECT_EQ(starts, draw_start_points(*surface, 20, 4));
}

TEST(Tuning, EveryOptimizerGetsSameBudget) {
  const TuningRequest request = small_request({"gd", "momentum", "adam", "lion"});
  const TuningResult result = tune(request);
  ASSERT_EQ(result.optimizers.size(), 4u);
  ASSERT_EQ(result.starts.size(), 3u);
  for (const OptimizerTuning& tuning : result.optimizers) {
    EXPECT_EQ(tuning.budget, 12 * 3 * 40) << tuning.label;
    ASSERT_EQ(tuning.trials.size(), 12u) << tuning.label;
    for (const Trial& trial : tuning.trials) {
      EXPECT_EQ(trial.final_gaps.size(), 3u);
      // A run uses one gradient per step; a diverged run stops early.
      EXPECT_LE(trial.gradient_evaluations, 3 * 40);
      if (trial.diverged == 0) {
        EXPECT_EQ(trial.gradient_evaluations, 3 * 40);
      }
    }
  }
}

TEST(Tuning, SameSeedGivesSameRanking) {
  const TuningRequest request = small_request({"gd", "momentum", "adam", "rmsprop"});
  const TuningResult first = tune(request);
  const TuningResult second = tune(request);
  EXPECT_EQ(first.ranking, second.ranking);
  EXPECT_EQ(first.starts, second.starts);
  for (std::size_t k = 0; k < first.optimizers.size(); ++k) {
    const OptimizerTuning& a = first.optimizers[k];
    const OptimizerTuning& b = second.optimizers[k];
    EXPECT_EQ(a.best, b.best);
    EXPECT_EQ(a.trials[a.best].values, b.trials[b.best].values);
    EXPECT_EQ(a.trials[a.best].mean_log_gap, b.trials[b.best].mean_log_gap);
  }
}

TEST(Tuning, OrderOfOptimizersDoesNotChangeTheirSearch) {
  const TuningResult forward = tune(small_request({"gd", "adam"}));
  const TuningResult backward = tune(small_request({"adam", "gd"}));
  EXPECT_EQ(forward.optimizers[0].trials[forward.optimizers[0].best].values,
            backward.optimizers[1].trials[backward.optimizers[1].best].values);
  EXPECT_EQ(forward.tuned.optimizers[0].items, backward.tuned.optimizers[0].items);
}

TEST(Tuning, RankingIsBestFirst) {
  const TuningResult result = tune(small_request({"gd", "momentum", "adam", "lion"}));
  ASSERT_EQ(result.ranking.size(), 4u);
  for (std::size_t k = 1; k < result.ranking.size(); ++k) {
    const OptimizerTuning& ahead = result.optimizers[result.ranking[k - 1]];
    const OptimizerTuning& behind = result.optimizers[result.ranking[k]];
    EXPECT_FALSE(better_trial(behind.trials[behind.best], ahead.trials[ahead.best]));
  }
  // The tuned experiment lists the optimizers in ranking order.
  ASSERT_EQ(result.tuned.optimizers.size(), 4u);
  EXPECT_EQ(result.tuned.optimizers[0].name, result.optimizers[result.ranking[0]].entry.name);
}

TEST(Tuning, BestTrialScoresBestOfItsOptimizer) {
  const TuningResult result = tune(small_request({"momentum"}));
  const OptimizerTuning& tuning = result.optimizers[0];
  for (const Trial& trial : tuning.trials) {
    EXPECT_FALSE(better_trial(trial, tuning.trials[tuning.best]));
  }
}

TEST(Tuning, DivergenceCountsAsWorst) {
  Trial converged;
  converged.mean_log_gap = 2.0;
  Trial diverged_once;
  diverged_once.diverged = 1;
  diverged_once.mean_log_gap = -30.0;
  EXPECT_TRUE(better_trial(converged, diverged_once));
  EXPECT_FALSE(better_trial(diverged_once, converged));
}

TEST(Tuning, FixedKeysAreNotSearched) {
  const TuningResult result = tune(small_request({"adam:beta2=0.99,amsgrad=true,label=fixed"}));
  const OptimizerTuning& tuning = result.optimizers[0];
  EXPECT_EQ(keys_of(tuning.space), (std::vector<std::string>{"lr", "beta1"}));
  EXPECT_EQ(tuning.label, "fixed");
  const OptimizerEntry best = tuning.best_entry();
  const auto has = [&](const std::string& key, const std::string& value) {
    return std::find(best.items.begin(), best.items.end(), std::make_pair(key, value)) !=
           best.items.end();
  };
  EXPECT_TRUE(has("beta2", "0.99"));
  EXPECT_TRUE(has("amsgrad", "true"));
  EXPECT_TRUE(has("label", "fixed"));
}

TEST(Tuning, FullyFixedOptimizerRunsOnce) {
  const TuningResult result = tune(small_request({"gd:lr=0.1"}));
  EXPECT_TRUE(result.optimizers[0].space.empty());
  EXPECT_EQ(result.optimizers[0].trials.size(), 1u);
  EXPECT_EQ(result.optimizers[0].budget, 3 * 40);
}

TEST(Tuning, TunedExperimentResolves) {
  const TuningResult result = tune(small_request({"gd", "adam", "adam:label=adam"}));
  const Scenario scenario = resolve_experiment(result.tuned);
  ASSERT_EQ(scenario.optimizers.size(), 3u);
  std::set<std::string> labels;
  for (const OptimizerChoice& choice : scenario.optimizers) {
    labels.insert(choice.label);
  }
  EXPECT_EQ(labels.size(), 3u);
}

// The search lands near the theory's best lr for gradient descent,
// 2/(λmin + λmax) = 2/9 on the reference quadratic: within two strata of
// the design, each a factor 10^(4/256) wide on the lr range 1e-4 to 1.
TEST(Tuning, GradientDescentFindsBestLrOfTheory) {
  TuningRequest request = small_request({"gd"});
  request.experiment.steps = 100;
  request.trials = 256;
  request.starts = 8;
  const TuningResult result = tune(request);
  const OptimizerTuning& gd = result.optimizers[0];
  const double lr = gd.trials[gd.best].values[0].second;
  const double best = *gradient_descent_limits(analyze_hessian({8.0, 0.8, 1.0})).best_lr;
  EXPECT_LE(std::abs(std::log10(lr / best)), 2.0 * 4.0 / 256.0) << lr;
}

TEST(Tuning, UnknownMinimumUsesLowestFinalLoss) {
  TuningRequest request = small_request({"gd", "adam"});
  request.experiment.surface = "x^2 + y^2 + 3";
  const TuningResult result = tune(request);
  EXPECT_NEAR(result.reference, 3.0, 1e-3);
  EXPECT_GE(result.reference, 3.0);
  for (const OptimizerTuning& tuning : result.optimizers) {
    for (const Trial& trial : tuning.trials) {
      for (const std::optional<double>& gap : trial.final_gaps) {
        if (gap) {
          EXPECT_GT(*gap, 0.0);
        }
      }
    }
  }
}

TEST(Tuning, NoiseIsSharedAcrossOptimizers) {
  TuningRequest request = small_request({"gd", "gd:label=twin"});
  request.experiment.noise = 0.3;
  const TuningResult result = tune(request);
  // The same optimizer under two labels sees the same noise, so it scores
  // the same.
  EXPECT_EQ(result.optimizers[0].trials[result.optimizers[0].best].mean_log_gap,
            result.optimizers[1].trials[result.optimizers[1].best].mean_log_gap);
}

TEST(Tuning, InvalidRequestsAreUsageErrors) {
  TuningRequest request = small_request({"gd"});
  request.trials = 0;
  EXPECT_THROW(tune(request), UsageError);
  request = small_request({"gd"});
  request.starts = kMaxStarts + 1;
  EXPECT_THROW(tune(request), UsageError);
  request = small_request({"gd"});
  request.lr_range = std::make_pair(0.0, 1.0);
  EXPECT_THROW(tune(request), UsageError);
  request.lr_range = std::make_pair(1.0, 0.1);
  EXPECT_THROW(tune(request), UsageError);
  EXPECT_THROW(tune(small_request({"adma"})), UsageError);
  EXPECT_THROW(tune(small_request({"adam:beta1=1.5"})), UsageError);
}

TEST(Tuning, DefaultTunesEveryOptimizerButSgd) {
  TuningRequest request = small_request({});
  request.trials = 2;
  request.starts = 1;
  request.experiment.steps = 5;
  const TuningResult result = tune(request);
  EXPECT_EQ(result.optimizers.size(), optimizer_catalogue().size() - 1);
  for (const OptimizerTuning& tuning : result.optimizers) {
    EXPECT_NE(tuning.entry.name, "sgd");
  }
}

}  // namespace
}  // namespace optiscope
