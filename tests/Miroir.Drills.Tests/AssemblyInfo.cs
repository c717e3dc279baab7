// Drills start real processes and kill them: running two at once on a 2-core machine would
// measure the neighbour, not the fault.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
