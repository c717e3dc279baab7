using Miroir.Commands;

return await CommandLine.RunAsync(args).ConfigureAwait(false);
