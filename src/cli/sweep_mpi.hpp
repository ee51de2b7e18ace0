#pragma once

#include <optional>
#include <string>

#include "optiscope/core/sweep.hpp"

namespace optiscope::cli {

/// This process's place among the processes of one sweep.
struct MpiWorld {
  long rank = 0;
  long size = 1;
};

/// Joins the MPI world when optiscope was built with OPTISCOPE_WITH_MPI and
/// started by mpirun; otherwise returns a world of one. MPI is finalized at
/// exit.
MpiWorld join_mpi_world();

/// Sends this rank's shard CSV to rank 0, which merges the shards in rank
/// order. Returns the merged CSV on rank 0 and nothing on the others.
std::optional<std::string> gather_sweep_csv(const MpiWorld& world, const std::string& csv,
                                            const SweepResult& result);

}  // namespace optiscope::cli
