using Miroir.Load;

// Load profiles for Miroir, a node, or any Meilisearch-compatible URL.
//   ingest  --url U --index I --file F.ndjson.gz [--batch 10000] [--key K] [--primary-key id]
//   search  --url U --index I --file F.ndjson.gz [--duration 20] [--concurrency 1 | --rate 500]
//           [--pid P] [--key K] [--warmup 3]
var options = CommandLine.Parse(args);
return options.Command switch
{
    "ingest" => await IngestProfile.RunAsync(options),
    "search" => await SearchProfile.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Miroir.Load ingest|search --url http://127.0.0.1:7700 --index NAME --file DATASET [options]");
    return 2;
}
