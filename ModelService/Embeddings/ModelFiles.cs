using System.Reflection;
using Platform.ModelService.Registry;

namespace Platform.ModelService.Embeddings;

/// <summary>Opens a model's ONNX graph and vocabulary, from an assembly's manifest resources or from files.</summary>
public static class ModelFiles
{
    public static string Describe(EmbeddingModelOptions options) =>
        options.ResourceAssembly is { Length: > 0 } assembly ? $"resources of {assembly}" : $"{options.OnnxPath} + {options.VocabularyPath}";

    public static byte[] ReadOnnx(EmbeddingModelOptions options)
    {
        using var stream = Open(options, "model.onnx", options.OnnxPath);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static TextReader OpenVocabulary(EmbeddingModelOptions options) =>
        new StreamReader(Open(options, "vocab.txt", options.VocabularyPath));

    private static Stream Open(EmbeddingModelOptions options, string resourceFile, string? path)
    {
        if (options.ResourceAssembly is { Length: > 0 } assemblyName)
        {
            var assembly = Assembly.Load(new AssemblyName(assemblyName));
            var resource = $"{assemblyName}.Resources.{resourceFile}";
            return assembly.GetManifestResourceStream(resource)
                ?? throw new FileNotFoundException($"The assembly {assemblyName} has no resource {resource}.");
        }

        return File.OpenRead(path!);
    }
}
