using System.Runtime.CompilerServices;

// Hot paths rely on stackalloc without zeroing; every buffer is written before it is read.
[module: SkipLocalsInit]
