#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "formula/diagnostics.hpp"
#include "formula/jet.hpp"
#include "optiscope/core/formula/program.hpp"

namespace optiscope {
namespace {

using formula_detail::Jet;
using formula_detail::jet_components;

// Points per block of a batched evaluation. Each register then holds
// Lanes doubles per jet component, laid out component by component, so
// that the loop over lanes reads and writes contiguous memory.
constexpr int kBlockLanes = 64;

template <int Order, int Lanes>
struct Layout {
  static constexpr int kComponents = jet_components(Order);
  static constexpr std::size_t kRegisterSize = static_cast<std::size_t>(kComponents) * Lanes;

  static Jet load(const double* reg, int lane) {
    Jet jet;
    jet.value = reg[lane];
    if constexpr (Order >= 1) {
      jet.dx = reg[Lanes + lane];
      jet.dy = reg[2 * Lanes + lane];
    }
    if constexpr (Order >= 2) {
      jet.dxx = reg[3 * Lanes + lane];
      jet.dxy = reg[4 * Lanes + lane];
      jet.dyy = reg[5 * Lanes + lane];
    }
    return jet;
  }

  static void store(double* reg, int lane, const Jet& jet) {
    reg[lane] = jet.value;
    if constexpr (Order >= 1) {
      reg[Lanes + lane] = jet.dx;
      reg[2 * Lanes + lane] = jet.dy;
    }
    if constexpr (Order >= 2) {
      reg[3 * Lanes + lane] = jet.dxx;
      reg[4 * Lanes + lane] = jet.dxy;
      reg[5 * Lanes + lane] = jet.dyy;
    }
  }
};

// Runs `operation` on every lane of one instruction. The compiler gives
// every result its own register, so `result` never aliases an operand.
template <int Order, int Lanes, typename Function>
void run_lanes(double* storage, const Instruction& instruction, Function operation) {
  using L = Layout<Order, Lanes>;
  const double* __restrict left = storage + instruction.left * L::kRegisterSize;
  const double* __restrict right = storage + instruction.right * L::kRegisterSize;
  double* __restrict result = storage + instruction.result * L::kRegisterSize;
  for (int lane = 0; lane < Lanes; ++lane) {
    L::store(result, lane, operation(L::load(left, lane), L::load(right, lane)));
  }
}

// Executes one instruction on all lanes. The arithmetic that dominates
// typical formulas gets its own loop, which the compiler vectorizes; every
// other operation goes through the general apply().
template <int Order, int Lanes>
void execute(double* storage, const Instruction& instruction) {
  using enum Operation;
  namespace fd = formula_detail;
  const double c = instruction.constant;
  switch (instruction.operation) {
    case add:
      return run_lanes<Order, Lanes>(
          storage, instruction, [](const Jet& a, const Jet& b) { return fd::add<Order>(a, b); });
    case subtract:
      return run_lanes<Order, Lanes>(storage, instruction, [](const Jet& a, const Jet& b) {
        return fd::subtract<Order>(a, b);
      });
    case multiply:
      return run_lanes<Order, Lanes>(storage, instruction, [](const Jet& a, const Jet& b) {
        return fd::multiply<Order>(a, b);
      });
    case add_constant:
      return run_lanes<Order, Lanes>(storage, instruction, [c](const Jet& a, const Jet& b) {
        return fd::apply<Order>(add_constant, a, b, c);
      });
    case subtract_from_constant:
      return run_lanes<Order, Lanes>(storage, instruction, [c](const Jet& a, const Jet& b) {
        return fd::apply<Order>(subtract_from_constant, a, b, c);
      });
    case multiply_by_constant:
      return run_lanes<Order, Lanes>(
          storage, instruction, [c](const Jet& a, const Jet&) { return fd::scale<Order>(c, a); });
    case square:
      return run_lanes<Order, Lanes>(storage, instruction, [](const Jet& a, const Jet& b) {
        return fd::apply<Order>(square, a, b, 0.0);
      });
    default:
      return run_lanes<Order, Lanes>(storage, instruction, [&](const Jet& a, const Jet& b) {
        return fd::apply<Order>(instruction.operation, a, b, c);
      });
  }
}

// Registers for one evaluation: on the stack when small, else on the heap.
class Scratch {
 public:
  explicit Scratch(std::size_t size) {
    if (size > small_.size()) {
      large_.resize(size);
    }
  }
  double* data() { return large_.empty() ? small_.data() : large_.data(); }

 private:
  std::array<double, 192> small_;
  std::vector<double> large_;
};

// Sets the derivative parts of registers 0 and 1, the jets of x and y,
// whose gradients are the unit vectors. No instruction writes these
// registers, so this is done once per evaluation, not per block.
template <int Order, int Lanes>
void set_variable_derivatives(double* storage) {
  using L = Layout<Order, Lanes>;
  for (int lane = 0; lane < Lanes; ++lane) {
    L::store(storage, lane, {0.0, 1.0, 0.0, 0.0, 0.0, 0.0});
    L::store(storage + L::kRegisterSize, lane, {0.0, 0.0, 1.0, 0.0, 0.0, 0.0});
  }
}

// Copies the coordinates of `count` points into the values of x and y.
template <int Order, int Lanes>
void load_positions(double* storage, const Vec2* points, int count) {
  double* __restrict x = storage;
  double* __restrict y = storage + Layout<Order, Lanes>::kRegisterSize;
  if (count == Lanes) {
    for (int lane = 0; lane < Lanes; ++lane) {
      x[lane] = points[lane].x;
      y[lane] = points[lane].y;
    }
    return;
  }
  // Pad a partial block with its last point, which keeps every lane inside
  // the domain when the real ones are.
  for (int lane = 0; lane < Lanes; ++lane) {
    const Vec2 p = points[std::min(lane, count - 1)];
    x[lane] = p.x;
    y[lane] = p.y;
  }
}

template <int Order, int Lanes>
void run_program(const std::vector<Instruction>& instructions, double* storage) {
  for (const Instruction& instruction : instructions) {
    execute<Order, Lanes>(storage, instruction);
  }
}

template <int Order>
Jet evaluate_point(const FormulaProgram& program, Vec2 p) {
  using L = Layout<Order, 1>;
  Scratch scratch(program.register_count() * L::kRegisterSize);
  double* storage = scratch.data();
  set_variable_derivatives<Order, 1>(storage);
  load_positions<Order, 1>(storage, &p, 1);
  run_program<Order, 1>(program.instructions(), storage);
  return L::load(storage + program.instructions().back().result * L::kRegisterSize, 0);
}

// Evaluates blocks of kBlockLanes points and hands each block's result
// jets to `emit(index, jet)`.
template <int Order, typename Emit>
void evaluate_blocks(const FormulaProgram& program, std::span<const Vec2> points, Emit emit) {
  using L = Layout<Order, kBlockLanes>;
  std::vector<double> storage(program.register_count() * L::kRegisterSize);
  const double* result = storage.data() + program.instructions().back().result * L::kRegisterSize;
  set_variable_derivatives<Order, kBlockLanes>(storage.data());
  for (std::size_t first = 0; first < points.size(); first += kBlockLanes) {
    const int count = static_cast<int>(std::min<std::size_t>(kBlockLanes, points.size() - first));
    load_positions<Order, kBlockLanes>(storage.data(), points.data() + first, count);
    run_program<Order, kBlockLanes>(program.instructions(), storage.data());
    for (int lane = 0; lane < count; ++lane) {
      emit(first + lane, L::load(result, lane));
    }
  }
}

bool is_finite(const Jet& jet) {
  return std::isfinite(jet.value) && std::isfinite(jet.dx) && std::isfinite(jet.dy);
}

}  // namespace

double FormulaProgram::value(Vec2 p) const { return evaluate_point<0>(*this, p).value; }

Vec2 FormulaProgram::gradient(Vec2 p) const {
  const Jet jet = evaluate_point<1>(*this, p);
  return {jet.dx, jet.dy};
}

FormulaDerivatives FormulaProgram::derivatives(Vec2 p) const {
  const Jet jet = evaluate_point<2>(*this, p);
  return {jet.value, {jet.dx, jet.dy}, {jet.dxx, jet.dxy, jet.dyy}};
}

void FormulaProgram::values(std::span<const Vec2> points, std::span<double> values) const {
  evaluate_blocks<0>(*this, points,
                     [&](std::size_t index, const Jet& jet) { values[index] = jet.value; });
}

void FormulaProgram::values_and_gradients(std::span<const Vec2> points, std::span<double> values,
                                          std::span<Vec2> gradients) const {
  evaluate_blocks<1>(*this, points, [&](std::size_t index, const Jet& jet) {
    values[index] = jet.value;
    gradients[index] = {jet.dx, jet.dy};
  });
}

std::string FormulaProgram::explain_non_finite(Vec2 p) const {
  if (!optiscope::is_finite(p)) {
    return {};
  }
  using L = Layout<1, 1>;
  Scratch scratch(register_count_ * L::kRegisterSize);
  double* storage = scratch.data();
  set_variable_derivatives<1, 1>(storage);
  load_positions<1, 1>(storage, &p, 1);
  for (const Instruction& instruction : instructions_) {
    execute<1, 1>(storage, instruction);
    const Jet result = L::load(storage + instruction.result * L::kRegisterSize, 0);
    if (!is_finite(result)) {
      const Jet left = L::load(storage + instruction.left * L::kRegisterSize, 0);
      const Jet right = L::load(storage + instruction.right * L::kRegisterSize, 0);
      return formula_detail::describe_non_finite(text_, instruction, result, left, right);
    }
  }
  return {};
}

}  // namespace optiscope
