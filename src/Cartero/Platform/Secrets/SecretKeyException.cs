namespace Cartero.Platform.Secrets;

/// <summary>The encryption key is missing, unreadable or not the one the secrets were encrypted with. Never carries secret material.</summary>
public sealed class SecretKeyException(string message, Exception? inner = null) : Exception(message, inner);
