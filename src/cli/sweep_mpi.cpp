#include "sweep_mpi.hpp"

#include <cstdlib>
#include <vector>

#include "optiscope/core/error.hpp"
#include "optiscope/io/sweep_csv.hpp"

#ifdef OPTISCOPE_HAVE_MPI
#include <mpi.h>
#endif

namespace optiscope::cli {

#ifdef OPTISCOPE_HAVE_MPI

namespace {

// True when a launcher such as mpirun started this process; a plain start
// must not initialize MPI, which would look for a launcher.
bool started_by_mpi_launcher() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr;
}

void finalize_mpi() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) {
    MPI_Finalize();
  }
}

}  // namespace

MpiWorld join_mpi_world() {
  if (!started_by_mpi_launcher()) {
    return {};
  }
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized) {
    MPI_Init(nullptr, nullptr);
    std::atexit(finalize_mpi);
  }
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return {rank, size};
}

std::optional<std::string> gather_sweep_csv(const MpiWorld& world, const std::string& csv,
                                            const SweepResult& result) {
  const int length = static_cast<int>(csv.size());
  std::vector<int> lengths(static_cast<std::size_t>(world.size));
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);

  std::vector<int> offsets(lengths.size());
  std::size_t total = 0;
  for (std::size_t r = 0; r < lengths.size(); ++r) {
    offsets[r] = static_cast<int>(total);
    total += static_cast<std::size_t>(lengths[r]);
  }
  std::string all(world.rank == 0 ? total : 0, '\0');
  MPI_Gatherv(csv.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0,
              MPI_COMM_WORLD);
  if (world.rank != 0) {
    return std::nullopt;
  }

  std::vector<std::string> texts;
  std::vector<std::string> sources;
  for (std::size_t r = 0; r < lengths.size(); ++r) {
    texts.push_back(
        all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(lengths[r])));
    sources.push_back("rank " + std::to_string(r));
  }
  std::vector<std::string> labels;
  for (const SweepTable& table : result.tables) {
    labels.push_back(table.base.label);
  }
  return io::merge_sweep_csv(texts, sources, labels, result.cell_count());
}

#else

MpiWorld join_mpi_world() { return {}; }

std::optional<std::string> gather_sweep_csv(const MpiWorld&, const std::string& csv,
                                            const SweepResult&) {
  return csv;
}

#endif

}  // namespace optiscope::cli
