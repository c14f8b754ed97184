namespace Cartero.Features.Clinical;

/// <summary>One eye of a prescription: diopters (esfera, cilindro, adición, prisma), degrees (eje), millimetres (DP).</summary>
public sealed record EyePrescription(decimal Sphere, decimal? Cylinder, int? Axis, decimal? Addition, decimal? Prism, decimal? PupillaryDistance);
