namespace Cartero.Sri;

/// <summary>A name/value pair (infoAdicional/campoAdicional or detAdicional), each up to 300 characters.</summary>
public sealed record CampoAdicional(string Nombre, string Valor);
