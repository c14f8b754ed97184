namespace Cartero.Sri;

/// <summary>Tipo de emisión; el esquema offline solo admite la emisión normal.</summary>
public enum TipoEmision
{
    /// <summary>1: emisión normal.</summary>
    Normal = 1,
}
