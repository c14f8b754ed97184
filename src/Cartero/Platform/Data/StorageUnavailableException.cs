namespace Cartero.Platform.Data;

/// <summary>
/// The data folder (attachment store) could not be written: disk full, read-only, no permission. Like a database that
/// cannot be written, it is answered 503 with <c>Retry-After</c>: the request was fine, the machine is not.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
