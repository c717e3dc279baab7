using Miroir.Load;

// Load profiles for Miroir, a node, or any Meilisearch-compatible URL (a peer proxy too).
//   ingest  --url U --index I --file F.ndjson.gz [--batch 10000] [--key K] [--primary-key id] [--settings JSON] [--pid P]
//   search  search-heavy: the mixed query set             } load model, one of:
//   get     pass-through: one document by id per request   }   --concurrency N (closed, default 1)
//   mixed   90 % searches, 10 % small writes              }   --rate R (open, constant arrivals)
//                                                          }   --rate R --spike-rate S [--spike-duration 5] (spike)
//           common: --url U --index I --file F [--duration 20] [--warmup 3] [--pid P] [--key K]
//                   [--filter-field F] [--facet-field F] (search, mixed) [--write-batch 10] (mixed)
var options = CommandLine.Parse(args);
return options.Command switch
{
    "ingest" => await IngestProfile.RunAsync(options),
    "search" => await SearchProfile.RunAsync(options),
    "get" => await GetProfile.RunAsync(options),
    "mixed" => await MixedProfile.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Miroir.Load ingest|search|get|mixed --url http://127.0.0.1:7700 --index NAME --file DATASET [options] (see Program.cs)");
    return 2;
}
