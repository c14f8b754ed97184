using System.Text.Json;

namespace Cartero.Features.Privacy;

/// <summary>
/// One kind of data Cartero holds about a person, as it goes into "Mis datos". The ZIP is written in one pass, one
/// entry at a time, so each section is asked three times: its value in <c>datos.json</c>, its part of
/// <c>resumen.html</c>, and its own files. Each call reads what it needs in pages; nothing holds the whole export.
/// A new kind of data (clinical consents, for instance) is one more implementation registered in <see cref="PrivacyModule"/>.
/// </summary>
internal interface IPersonalDataSection
{
    /// <summary>The property of <c>datos.json</c> this section fills (Spanish snake_case).</summary>
    string Key { get; }

    /// <summary>The heading of this section in <c>resumen.html</c>.</summary>
    string Title { get; }

    /// <summary>Writes exactly one JSON value (an object or an array) for <see cref="Key"/>.</summary>
    Task WriteJsonAsync(DataSubject subject, Utf8JsonWriter json, CancellationToken cancellationToken);

    Task WriteSummaryAsync(DataSubject subject, SummaryWriter html, CancellationToken cancellationToken);

    /// <summary>Adds this section's documents (XML, PDF, rendered mail) as entries of their own.</summary>
    Task WriteFilesAsync(DataSubject subject, ExportFiles files, CancellationToken cancellationToken);
}
