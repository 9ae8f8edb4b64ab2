namespace Platform.ModelService.Tests;

internal static class Vectors
{
    public static double Cosine(IReadOnlyList<float> a, IReadOnlyList<float> b)
    {
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Count; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return dot / Math.Sqrt(normA * normB);
    }

    public static double Norm(IReadOnlyList<float> a) => Math.Sqrt(a.Sum(value => (double)value * value));
}
