namespace Cartero.Features.Clinical;

/// <summary>A validated prescription (OD = right eye, OI = left eye), as stored encrypted and drawn on the PDF.</summary>
public sealed record Prescription(EyePrescription Od, EyePrescription Oi, string? Notes, string OptometristName, string RegistrationNumber, DateTime IssuedAt);
