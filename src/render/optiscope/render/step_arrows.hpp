#pragma once

#include <vector>

#include "optiscope/core/scenario.hpp"

namespace optiscope::render {

/// What an arrow on the path map shows.
enum class ArrowKind {
  /// theta(K+1) - theta(K), the step the optimizer took.
  update,
  /// -lr * gradient at theta(K): the step plain gradient descent would take.
  gradient_step,
  /// A direction from the optimizer's state: the velocity -lr * mu * b of
  /// SGD with momentum, or Adam's bias-corrected average -lr * m_hat.
  state,
};

/// An arrow in data coordinates.
struct StepArrow {
  ArrowKind kind = ArrowKind::update;
  Vec2 tail;
  Vec2 head;
};

/// Returns the arrows of one optimizer at step `step`, all starting at the
/// point of that step; empty when the path has no update after it. The
/// state arrow is computed by replaying the recorded steps, and is left out
/// for optimizers whose state has no momentum buffer or first moment.
std::vector<StepArrow> step_arrows(const OptimizerResult& result, long step);

}  // namespace optiscope::render
