namespace Miroir.Load;

/// <summary>What one load operation was, so mixed profiles report each kind on its own.</summary>
internal enum Operation
{
    Search,
    Get,
    Write,
}
