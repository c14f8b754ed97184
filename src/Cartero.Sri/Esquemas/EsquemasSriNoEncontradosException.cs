namespace Cartero.Sri;

/// <summary>The configured schema folder or one of its files is missing or unreadable.</summary>
public sealed class EsquemasSriNoEncontradosException(string message, Exception? inner = null)
    : InvalidOperationException(message, inner);
