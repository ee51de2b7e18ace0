#include "optiscope/render/gif_writer.hpp"

#include <fcntl.h>
#include <gif_lib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "optiscope/core/error.hpp"

namespace optiscope::render {
namespace fs = std::filesystem;

Rgb8 to_rgb8(Color color) {
  const auto channel = [](double v) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
  };
  return {channel(color.r), channel(color.g), channel(color.b)};
}

namespace {

Color blend(Color a, Color b, double t) {
  return {a.r + t * (b.r - a.r), a.g + t * (b.g - a.g), a.b + t * (b.b - a.b)};
}

void add_unique(std::vector<Rgb8>& colors, Rgb8 color) {
  if (colors.size() < kTransparentIndex &&
      std::find(colors.begin(), colors.end(), color) == colors.end()) {
    colors.push_back(color);
  }
}

int squared_distance(Rgb8 a, int r, int g, int b) {
  const int dr = a.r - r;
  const int dg = a.g - g;
  const int db = a.b - b;
  // Weights roughly follow the eye's sensitivity to each channel.
  return 2 * dr * dr + 4 * dg * dg + db * db;
}

}  // namespace

Palette::Palette(const std::vector<Color>& key_colors) {
  const Color white{1.0, 1.0, 1.0};
  for (const Color& color : key_colors) {
    add_unique(colors_, to_rgb8(color));
  }
  // Anti-aliased edges: each key colour over white and over the others.
  for (double t : {0.5, 0.25, 0.75}) {
    for (const Color& color : key_colors) {
      add_unique(colors_, to_rgb8(blend(color, white, t)));
    }
  }
  for (int level = 0; level <= 16; ++level) {
    const double v = level / 16.0;
    add_unique(colors_, to_rgb8({v, v, v}));
  }
  for (std::size_t a = 0; a < key_colors.size(); ++a) {
    for (std::size_t b = a + 1; b < key_colors.size(); ++b) {
      add_unique(colors_, to_rgb8(blend(key_colors[a], key_colors[b], 0.5)));
    }
  }
  for (int r = 0; r < 5; ++r) {
    for (int g = 0; g < 5; ++g) {
      for (int b = 0; b < 5; ++b) {
        add_unique(colors_, to_rgb8({r / 4.0, g / 4.0, b / 4.0}));
      }
    }
  }

  lookup_.resize(32 * 32 * 32);
  for (int r = 0; r < 32; ++r) {
    for (int g = 0; g < 32; ++g) {
      for (int b = 0; b < 32; ++b) {
        // The centre of the cell stands for every colour in it.
        const int cr = r * 8 + 4;
        const int cg = g * 8 + 4;
        const int cb = b * 8 + 4;
        int best = std::numeric_limits<int>::max();
        std::uint8_t best_index = 0;
        for (std::size_t k = 0; k < colors_.size(); ++k) {
          const int distance = squared_distance(colors_[k], cr, cg, cb);
          if (distance < best) {
            best = distance;
            best_index = static_cast<std::uint8_t>(k);
          }
        }
        lookup_[(static_cast<std::size_t>(r) << 10) | (static_cast<std::size_t>(g) << 5) |
                static_cast<std::size_t>(b)] = best_index;
      }
    }
  }
}

struct GifWriter::State {
  GifFileType* file = nullptr;
  fs::path target;
  int width = 0;
  int height = 0;
  Palette palette;
  std::vector<std::uint8_t> previous;
  std::vector<std::uint8_t> current;
  std::vector<std::uint8_t> row;

  [[noreturn]] void fail(int code) const {
    throw RuntimeFailure("cannot write '" + target.string() + "': giflib reports " +
                         GifErrorString(code));
  }
  void check(int result) const {
    if (result == GIF_ERROR) {
      fail(file->Error);
    }
  }
};

GifWriter::GifWriter(const fs::path& path, const fs::path& target, int width, int height,
                     Palette palette)
    : state_(std::make_unique<State>(
          State{nullptr, target, width, height, std::move(palette), {}, {}, {}})) {
  // giflib would create the file readable by its owner only; open it with
  // the usual permissions (0666 less the umask) instead.
  const int descriptor = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
  if (descriptor < 0) {
    throw RuntimeFailure("cannot write '" + target.string() + "': " + std::strerror(errno) +
                         "; check that the directory exists and is writable");
  }
  int error = 0;
  state_->file = EGifOpenFileHandle(descriptor, &error);
  if (state_->file == nullptr) {
    ::close(descriptor);
    state_->fail(error);
  }
  EGifSetGifVersion(state_->file, true);

  std::vector<GifColorType> colors(256, GifColorType{255, 255, 255});
  const std::vector<Rgb8>& palette_colors = state_->palette.colors();
  for (std::size_t k = 0; k < palette_colors.size(); ++k) {
    colors[k] = {palette_colors[k].r, palette_colors[k].g, palette_colors[k].b};
  }
  ColorMapObject* map = GifMakeMapObject(256, colors.data());
  const int status = EGifPutScreenDesc(state_->file, width, height, 8, 0, map);
  GifFreeMapObject(map);
  state_->check(status);

  // The NETSCAPE2.0 application extension with loop count 0: loop forever.
  static const char kApplication[] = "NETSCAPE2.0";
  const unsigned char loop[3] = {1, 0, 0};
  state_->check(EGifPutExtensionLeader(state_->file, APPLICATION_EXT_FUNC_CODE));
  state_->check(EGifPutExtensionBlock(state_->file, 11, kApplication));
  state_->check(EGifPutExtensionBlock(state_->file, 3, loop));
  state_->check(EGifPutExtensionTrailer(state_->file));

  const std::size_t pixels = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  state_->previous.assign(pixels, 0);
  state_->current.assign(pixels, 0);
  state_->row.resize(static_cast<std::size_t>(width));
}

GifWriter::~GifWriter() {
  if (state_ && state_->file != nullptr) {
    int ignored = 0;
    EGifCloseFile(state_->file, &ignored);
  }
}

void GifWriter::add_frame(const unsigned char* pixels, int stride, int delay_centiseconds) {
  State& s = *state_;
  const int width = s.width;
  const int height = s.height;

  // Quantize, and find the rectangle that differs from the previous frame.
  int left = width;
  int right = -1;
  int top = height;
  int bottom = -1;
  for (int y = 0; y < height; ++y) {
    const auto* source =
        reinterpret_cast<const std::uint32_t*>(pixels + static_cast<std::ptrdiff_t>(y) * stride);
    std::uint8_t* indices = s.current.data() + static_cast<std::ptrdiff_t>(y) * width;
    const std::uint8_t* before = s.previous.data() + static_cast<std::ptrdiff_t>(y) * width;
    for (int x = 0; x < width; ++x) {
      const std::uint32_t argb = source[x];
      indices[x] =
          s.palette.nearest(static_cast<std::uint8_t>(argb >> 16),
                            static_cast<std::uint8_t>(argb >> 8), static_cast<std::uint8_t>(argb));
      if (frames_ == 0 || indices[x] != before[x]) {
        left = std::min(left, x);
        right = std::max(right, x);
        top = std::min(top, y);
        bottom = std::max(bottom, y);
      }
    }
  }
  if (right < 0) {
    // Nothing changed: GIF needs an image per frame, so store one pixel.
    left = right = top = bottom = 0;
  }

  GraphicsControlBlock control;
  control.DisposalMode = DISPOSE_DO_NOT;
  control.UserInputFlag = false;
  control.DelayTime = delay_centiseconds;
  control.TransparentColor = frames_ == 0 ? NO_TRANSPARENT_COLOR : kTransparentIndex;
  GifByteType extension[4];
  EGifGCBToExtension(&control, extension);
  s.check(EGifPutExtension(s.file, GRAPHICS_EXT_FUNC_CODE, 4, extension));

  const int box_width = right - left + 1;
  s.check(EGifPutImageDesc(s.file, left, top, box_width, bottom - top + 1, false, nullptr));
  for (int y = top; y <= bottom; ++y) {
    const std::uint8_t* indices = s.current.data() + static_cast<std::ptrdiff_t>(y) * width;
    const std::uint8_t* before = s.previous.data() + static_cast<std::ptrdiff_t>(y) * width;
    for (int x = left; x <= right; ++x) {
      const bool unchanged = frames_ > 0 && indices[x] == before[x];
      s.row[static_cast<std::size_t>(x - left)] = unchanged ? kTransparentIndex : indices[x];
    }
    s.check(EGifPutLine(s.file, s.row.data(), box_width));
  }
  std::swap(s.previous, s.current);
  ++frames_;
}

void GifWriter::finish() {
  int error = 0;
  const int status = EGifCloseFile(state_->file, &error);
  state_->file = nullptr;
  if (status == GIF_ERROR) {
    state_->fail(error);
  }
}

}  // namespace optiscope::render
