// cv::dnn networks: load once, run on NCHW float input, hand back the outputs in place.
#include "guard.hpp"

#include <opencv2/dnn.hpp>

#include <fstream>
#include <vector>

struct cvs_net {
  cv::dnn::Net net;
  std::vector<cv::String> output_names;
  std::vector<cv::Mat> outputs;
  cv::Mat input;
};

extern "C" cvs_status cvs_net_load(int32_t format, const char *model, const char *config, cvs_net **out) {
  return cvs::guarded("cvs_net_load", [&]() -> cvs_status {
    if (!model || !out) return cvs::fail(CVS_E_ARGUMENT, "cvs_net_load: null argument");
    *out = nullptr;
    if (!std::ifstream(model).good()) return cvs::fail(CVS_E_OPEN, std::string("cannot read model file '") + model + "'");
    if (format == CVS_NET_DARKNET && (!config || !std::ifstream(config).good()))
      return cvs::fail(CVS_E_OPEN, std::string("cannot read model config '") + (config ? config : "") + "'");
    auto handle = std::make_unique<cvs_net>();
    try {
      handle->net = format == CVS_NET_DARKNET ? cv::dnn::readNetFromDarknet(config, model)
                                              : cv::dnn::readNetFromONNX(model);
    } catch (const cv::Exception &e) {
      return cvs::fail(CVS_E_OPEN, std::string("model '") + model + "' does not load in OpenCV " + CV_VERSION + ": " + e.what());
    }
    if (handle->net.empty()) return cvs::fail(CVS_E_OPEN, std::string("model '") + model + "' is empty");
    handle->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    handle->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    handle->output_names = handle->net.getUnconnectedOutLayersNames();
    *out = handle.release();
    return CVS_OK;
  });
}

extern "C" void cvs_net_free(cvs_net *net) {
  try {
    delete net;
  } catch (...) {
  }
}

extern "C" cvs_status cvs_net_forward(cvs_net *net, const float *input, int32_t n, int32_t c, int32_t h, int32_t w,
                                      cvs_tensor *outputs, int32_t capacity, int32_t *count) {
  return cvs::guarded("cvs_net_forward", [&]() -> cvs_status {
    if (!net || !input || !count || n <= 0 || c <= 0 || h <= 0 || w <= 0 || (capacity > 0 && !outputs))
      return cvs::fail(CVS_E_ARGUMENT, "cvs_net_forward: bad argument");
    int shape[4] = {n, c, h, w};
    // A header over the caller's floats: setInput copies them into the network's own blob.
    net->input = cv::Mat(4, shape, CV_32F, const_cast<float *>(input));
    net->net.setInput(net->input);
    net->net.forward(net->outputs, net->output_names);
    *count = static_cast<int32_t>(net->outputs.size());
    for (int32_t i = 0; i < *count && i < capacity; ++i) {
      cv::Mat &m = net->outputs[static_cast<size_t>(i)];
      // Callers read floats: an output of another type is converted, not reinterpreted.
      if (m.type() != CV_32F) {
        cv::Mat converted;
        m.convertTo(converted, CV_32F);
        m = converted;
      } else if (!m.isContinuous()) {
        m = m.clone();
      }
      outputs[i].data = m.ptr<float>();
      outputs[i].dims = m.dims;
      for (int d = 0; d < 6; ++d) outputs[i].shape[d] = d < m.dims ? m.size[d] : 0;
    }
    return CVS_OK;
  });
}
