#include "optiscope/core/surfaces/catalogue.hpp"

#include <algorithm>

#include "optiscope/core/error.hpp"
#include "optiscope/core/formula/formula_error.hpp"
#include "optiscope/core/formula/formula_surface.hpp"
#include "optiscope/core/surfaces/test_functions.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

constexpr std::string_view kLibrary =
    "S. Surjanovic and D. Bingham, Virtual Library of Simulation Experiments, Simon Fraser "
    "University, https://www.sfu.ca/~ssurjano/";
constexpr std::string_view kSurveyAndLibrary =
    "Jamil and Yang 2013 (Int. J. Math. Model. Numer. Optim. 4(2):150-194); Surjanovic and "
    "Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/";

HyperparameterSpec real_parameter(std::string_view key, double default_value,
                                  std::optional<Bound> lower, std::optional<Bound> upper,
                                  std::string_view description) {
  return {key, HyperparameterKind::real, default_value, lower, upper, description};
}

std::unique_ptr<Surface> create_quadratic(const SurfaceParameters& p) {
  const bool rotated = p.was_given("kappa") || p.was_given("angle");
  const bool explicit_matrix = p.was_given("a") || p.was_given("b") || p.was_given("c");
  if (rotated && explicit_matrix) {
    throw UsageError(
        "quadratic: give either the Hessian entries a, b, c or kappa and angle, not both; "
        "for example quadratic:kappa=50,angle=30");
  }
  if (rotated) {
    return make_rotated_quadratic(p.get("kappa"), p.get("angle"));
  }
  if (!explicit_matrix) {
    return make_reference_quadratic();
  }
  return make_quadratic(p.get("a"), p.get("b"), p.get("c"));
}

template <std::unique_ptr<Surface> (*make)()>
std::unique_ptr<Surface> create_fixed(const SurfaceParameters&) {
  return make();
}

std::unique_ptr<Surface> create_rosenbrock(const SurfaceParameters& p) {
  return make_rosenbrock(p.get("a"), p.get("b"));
}

std::vector<SurfaceEntry> build_catalogue() {
  std::vector<SurfaceEntry> catalogue;
  catalogue.push_back(
      {"quadratic",
       "the reference quadratic by default; a rotated one with kappa and angle",
       "0.5*(a*x^2 + c*y^2) + b*x*y, or eigenvalues 1 and 1/kappa rotated by angle",
       "a textbook quadratic form",
       {real_parameter("a", 8.0, std::nullopt, std::nullopt, "Hessian entry xx"),
        real_parameter("b", 0.8, std::nullopt, std::nullopt, "Hessian entry xy"),
        real_parameter("c", 1.0, std::nullopt, std::nullopt, "Hessian entry yy"),
        real_parameter("kappa", 10.0, Bound{1.0, true}, Bound{kMaxConditionNumber, true},
                       "condition number; replaces a, b, c"),
        real_parameter("angle", 0.0, std::nullopt, std::nullopt,
                       "rotation of the steep axis from x, in degrees")},
       create_quadratic});
  catalogue.push_back(
      {"rosenbrock",
       "curved narrow valley",
       "(a - x)^2 + b*(y - x^2)^2",
       "H. H. Rosenbrock, An automatic method for finding the greatest or least value of a "
       "function, The Computer Journal 3(3):175-184, 1960",
       {real_parameter("a", 1.0, std::nullopt, std::nullopt, "minimizer (a, a^2)"),
        real_parameter("b", 100.0, Bound{0.0, false}, std::nullopt, "steepness of the walls")},
       create_rosenbrock});
  const auto add_fixed = [&](std::string_view name, std::string_view summary,
                             std::unique_ptr<Surface> (*create)(const SurfaceParameters&),
                             std::string_view citation = kSurveyAndLibrary) {
    catalogue.push_back({name, summary, "", citation, {}, create});
  };
  add_fixed("himmelblau", "four minima of equal depth around a peak", create_fixed<make_himmelblau>,
            "D. M. Himmelblau, Applied Nonlinear Programming, McGraw-Hill, 1972");
  add_fixed("beale", "narrow valley between flat plateaus", create_fixed<make_beale>);
  add_fixed("booth", "tilted quadratic bowl", create_fixed<make_booth>);
  add_fixed("matyas", "flat, nearly degenerate bowl", create_fixed<make_matyas>);
  add_fixed("three-hump-camel", "one global and two local minima",
            create_fixed<make_three_hump_camel>);
  add_fixed("six-hump-camel", "two global and four local minima",
            create_fixed<make_six_hump_camel>);
  add_fixed("rastrigin", "bowl covered in a grid of local minima", create_fixed<make_rastrigin>);
  add_fixed("ackley", "rippled plateau around a sharp funnel", create_fixed<make_ackley>);
  add_fixed("styblinski-tang", "four minima of different depths",
            create_fixed<make_styblinski_tang>);
  add_fixed("goldstein-price", "steep walls, several local minima",
            create_fixed<make_goldstein_price>);
  add_fixed("levi13", "rippled valley (Levi N.13)", create_fixed<make_levi13>, kLibrary);
  add_fixed("saddle", "saddle point, no minimum", create_fixed<make_saddle>, "a textbook saddle");
  add_fixed("monkey-saddle", "three valleys meet at a flat point, no minimum",
            create_fixed<make_monkey_saddle>, "a textbook saddle");
  add_fixed("gaussian-wells", "three wells on a flat plane, one global",
            create_fixed<make_gaussian_wells>, "a mixture of Gaussians built for optiscope");
  return catalogue;
}

std::vector<std::string> catalogue_names() {
  std::vector<std::string> names;
  for (const SurfaceEntry& entry : surface_catalogue()) {
    names.emplace_back(entry.name);
  }
  return names;
}

[[noreturn]] void reject_unknown_surface(std::string_view name) {
  const std::vector<std::string> names = catalogue_names();
  std::string message = "unknown surface '" + std::string(name) + "'";
  if (const auto suggestion = closest_match(name, names)) {
    message += "; did you mean '" + *suggestion + "'?";
  } else {
    message += ".";
  }
  message += " Valid surfaces: " + join(names, ", ") +
             " (run 'optiscope list surfaces' for details), or a formula in x and y";
  throw UsageError(message);
}

std::unique_ptr<Surface> make_catalogue_surface(const SurfaceEntry& entry, std::string_view spec) {
  const SpecText parts = split_spec(spec, "surface");
  SurfaceParameters parameters;
  parameters.values = resolve_hyperparameters(entry.name, entry.parameters, parts.items);
  for (const auto& item : parts.items) {
    parameters.given.push_back(item.first);
  }
  return entry.create(parameters);
}

bool is_single_word(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

std::string_view trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

bool SurfaceParameters::was_given(std::string_view key) const {
  return std::find(given.begin(), given.end(), key) != given.end();
}

const std::vector<SurfaceEntry>& surface_catalogue() {
  static const std::vector<SurfaceEntry> catalogue = build_catalogue();
  return catalogue;
}

const SurfaceEntry* find_surface(std::string_view name) {
  for (const SurfaceEntry& entry : surface_catalogue()) {
    if (entry.name == name) {
      return &entry;
    }
  }
  return nullptr;
}

std::unique_ptr<Surface> make_surface(std::string_view spec) {
  const std::string_view text = trim(spec);
  const std::size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  if (const SurfaceEntry* entry = find_surface(name)) {
    return make_catalogue_surface(*entry, text);
  }
  // ':' has no meaning in a formula, so this names a surface.
  if (colon != std::string_view::npos) {
    reject_unknown_surface(name);
  }
  try {
    return std::make_unique<FormulaSurface>(text);
  } catch (const FormulaError&) {
    // A lone misspelt word is more likely a surface name than a formula.
    if (is_single_word(text) && closest_match(text, catalogue_names())) {
      reject_unknown_surface(text);
    }
    throw;
  }
}

}  // namespace optiscope
