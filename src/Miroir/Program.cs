using Miroir.Commands;
using Miroir.Commands.Ctl;

return await CommandLine.RunAsync(args, CtlIo.Console).ConfigureAwait(false);
