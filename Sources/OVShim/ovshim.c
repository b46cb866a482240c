// OpenVINO's C API through dlopen. Only the few calls Portsight needs are declared here, with the
// layouts of OpenVINO 2.x's C headers (ov_common.h, ov_shape.h, ov_partial_shape.h), so the build
// needs no OpenVINO headers and the binary starts without the libraries.
#define _GNU_SOURCE
#include "ovshim.h"

#include <dirent.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OV_OK = 0, OV_F32 = 4 };

typedef struct {
  int64_t rank;
  int64_t *dims;
} ov_shape;

typedef struct {
  int64_t min, max;
} ov_dimension;

typedef struct {
  ov_dimension rank;
  ov_dimension *dims;
} ov_partial_shape;

typedef struct {
  const char *build_number;
  const char *description;
} ov_version;

typedef int (*ov_core_create_fn)(void **core);
typedef void (*ov_free_fn)(void *handle);
typedef int (*ov_core_read_model_fn)(const void *core, const char *path, const char *bin, void **model);
typedef int (*ov_core_compile_model_fn)(const void *core, const void *model, const char *device, size_t args,
                                        void **compiled, ...);
typedef int (*ov_model_reshape_single_input_fn)(const void *model, ov_partial_shape shape);
typedef int (*ov_partial_shape_create_static_fn)(int64_t rank, const int64_t *dims, ov_partial_shape *out);
typedef void (*ov_partial_shape_free_fn)(ov_partial_shape *shape);
typedef int (*ov_compiled_model_outputs_size_fn)(const void *compiled, size_t *size);
typedef int (*ov_compiled_model_create_infer_request_fn)(const void *compiled, void **request);
typedef int (*ov_tensor_create_from_host_ptr_fn)(int type, ov_shape shape, void *data, void **tensor);
typedef int (*ov_infer_request_set_input_tensor_by_index_fn)(void *request, size_t index, const void *tensor);
typedef int (*ov_infer_request_get_input_tensor_by_index_fn)(const void *request, size_t index, void **tensor);
typedef int (*ov_infer_request_fn)(void *request);
typedef int (*ov_infer_request_get_output_tensor_by_index_fn)(const void *request, size_t index, void **tensor);
typedef int (*ov_tensor_get_shape_fn)(const void *tensor, ov_shape *shape);
typedef int (*ov_tensor_get_element_type_fn)(const void *tensor, int *type);
typedef int (*ov_tensor_data_fn)(const void *tensor, void **data);
typedef int (*ov_shape_free_fn)(ov_shape *shape);
typedef const char *(*ov_get_last_err_msg_fn)(void);
typedef int (*ov_get_openvino_version_fn)(ov_version *version);
typedef void (*ov_version_free_fn)(ov_version *version);

struct ovs_runtime {
  void *library;
  void *core;
  char version[128];
  ov_core_create_fn core_create;
  ov_free_fn core_free;
  ov_core_read_model_fn core_read_model;
  ov_core_compile_model_fn core_compile_model;
  ov_free_fn model_free;
  ov_model_reshape_single_input_fn model_reshape_single_input;
  ov_partial_shape_create_static_fn partial_shape_create_static;
  ov_partial_shape_free_fn partial_shape_free;
  ov_free_fn compiled_model_free;
  ov_compiled_model_outputs_size_fn compiled_model_outputs_size;
  ov_compiled_model_create_infer_request_fn compiled_model_create_infer_request;
  ov_free_fn infer_request_free;
  ov_tensor_create_from_host_ptr_fn tensor_create_from_host_ptr;
  ov_free_fn tensor_free;
  ov_infer_request_set_input_tensor_by_index_fn set_input_tensor_by_index;
  ov_infer_request_get_input_tensor_by_index_fn get_input_tensor_by_index;
  ov_infer_request_fn infer;
  ov_infer_request_fn start_async;
  ov_infer_request_fn wait;
  ov_infer_request_get_output_tensor_by_index_fn get_output_tensor_by_index;
  ov_tensor_get_shape_fn tensor_get_shape;
  ov_tensor_get_element_type_fn tensor_get_element_type;
  ov_tensor_data_fn tensor_data;
  ov_shape_free_fn shape_free;
  ov_get_last_err_msg_fn get_last_err_msg;
  ov_get_openvino_version_fn get_openvino_version;
  ov_version_free_fn version_free;
};

struct ovs_model {
  ovs_runtime *runtime;
  void *compiled;
  int32_t outputs;
};

struct ovs_request {
  ovs_model *model;
  void *request;
  void *input; /* the tensor over the caller's memory, or NULL */
  const float *input_data;
  void *outputs[8];
};

static _Thread_local char last_error[1024];

const char *ovs_last_error(void) { return last_error; }

static ovs_status fail(ovs_status status, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(last_error, sizeof last_error, format, args);
  va_end(args);
  return status;
}

// OpenVINO's own message for its last failure on this thread, or its status number.
static ovs_status fail_ov(const ovs_runtime *runtime, ovs_status status, int code, const char *what) {
  const char *message = runtime->get_last_err_msg ? runtime->get_last_err_msg() : NULL;
  if (message && *message) {
    // OpenVINO's messages carry a C++ source location line first; keep the text after it.
    const char *text = message;
    const char *found = strstr(message, "\n");
    while (found && (strstr(text, ".cpp:") && strstr(text, ".cpp:") < found)) {
      text = found + 1;
      found = strstr(text, "\n");
    }
    return fail(status, "%s: %s", what, *text ? text : message);
  }
  return fail(status, "%s: OpenVINO status %d", what, code);
}

// The newest libopenvino_c.so.* in the folder (the wheel names it with its version, e.g. .so.2641).
static int find_library(const char *dir, char *path, size_t size) {
  DIR *folder = opendir(dir);
  if (!folder) return 0;
  struct dirent *entry;
  int found = 0;
  char best[256] = "";
  while ((entry = readdir(folder))) {
    if (strncmp(entry->d_name, "libopenvino_c.so", 16) == 0 && strcmp(entry->d_name, best) > 0) {
      snprintf(best, sizeof best, "%s", entry->d_name);
      found = 1;
    }
  }
  closedir(folder);
  if (found) snprintf(path, size, "%s/%s", dir, best);
  return found;
}

#define LOAD(field, name)                                                                   \
  do {                                                                                      \
    *(void **)(&runtime->field) = dlsym(runtime->library, name);                            \
    if (!runtime->field) {                                                                  \
      ovs_status s = fail(OVS_E_LIBRARY, "%s lacks %s: not a usable OpenVINO 2.x", path, name); \
      dlclose(runtime->library);                                                            \
      free(runtime);                                                                        \
      return s;                                                                             \
    }                                                                                       \
  } while (0)

ovs_status ovs_runtime_open(const char *library_dir, ovs_runtime **out) {
  if (!library_dir || !out) return fail(OVS_E_ARGUMENT, "ovs_runtime_open: null argument");
  *out = NULL;
  char path[1024];
  if (!find_library(library_dir, path, sizeof path))
    return fail(OVS_E_LIBRARY, "no libopenvino_c.so in %s", library_dir);
  ovs_runtime *runtime = calloc(1, sizeof *runtime);
  if (!runtime) return fail(OVS_E_LIBRARY, "out of memory");
  // RTLD_DEEPBIND: OpenVINO uses the oneTBB it ships, not an older one that OpenCV has loaded.
  runtime->library = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
  if (!runtime->library) {
    ovs_status s = fail(OVS_E_LIBRARY, "cannot load %s: %s", path, dlerror());
    free(runtime);
    return s;
  }
  LOAD(core_create, "ov_core_create");
  LOAD(core_free, "ov_core_free");
  LOAD(core_read_model, "ov_core_read_model");
  LOAD(core_compile_model, "ov_core_compile_model");
  LOAD(model_free, "ov_model_free");
  LOAD(model_reshape_single_input, "ov_model_reshape_single_input");
  LOAD(partial_shape_create_static, "ov_partial_shape_create_static");
  LOAD(partial_shape_free, "ov_partial_shape_free");
  LOAD(compiled_model_free, "ov_compiled_model_free");
  LOAD(compiled_model_outputs_size, "ov_compiled_model_outputs_size");
  LOAD(compiled_model_create_infer_request, "ov_compiled_model_create_infer_request");
  LOAD(infer_request_free, "ov_infer_request_free");
  LOAD(tensor_create_from_host_ptr, "ov_tensor_create_from_host_ptr");
  LOAD(tensor_free, "ov_tensor_free");
  LOAD(set_input_tensor_by_index, "ov_infer_request_set_input_tensor_by_index");
  LOAD(get_input_tensor_by_index, "ov_infer_request_get_input_tensor_by_index");
  LOAD(infer, "ov_infer_request_infer");
  LOAD(start_async, "ov_infer_request_start_async");
  LOAD(wait, "ov_infer_request_wait");
  LOAD(get_output_tensor_by_index, "ov_infer_request_get_output_tensor_by_index");
  LOAD(tensor_get_shape, "ov_tensor_get_shape");
  LOAD(tensor_get_element_type, "ov_tensor_get_element_type");
  LOAD(tensor_data, "ov_tensor_data");
  LOAD(shape_free, "ov_shape_free");
  LOAD(get_last_err_msg, "ov_get_last_err_msg");
  LOAD(get_openvino_version, "ov_get_openvino_version");
  LOAD(version_free, "ov_version_free");
  ov_version version = {0};
  if (runtime->get_openvino_version(&version) == OV_OK) {
    snprintf(runtime->version, sizeof runtime->version, "%s", version.build_number ? version.build_number : "");
    runtime->version_free(&version);
  }
  int code = runtime->core_create(&runtime->core);
  if (code != OV_OK) {
    ovs_status s = fail_ov(runtime, OVS_E_LIBRARY, code, "OpenVINO core");
    dlclose(runtime->library);
    free(runtime);
    return s;
  }
  *out = runtime;
  return OVS_OK;
}

void ovs_runtime_free(ovs_runtime *runtime) {
  if (!runtime) return;
  runtime->core_free(runtime->core);
  // The library stays loaded: OpenVINO's plugins keep threads and static state that do not
  // survive being unloaded, and a process loads it once.
  free(runtime);
}

const char *ovs_runtime_version(const ovs_runtime *runtime) { return runtime ? runtime->version : ""; }

ovs_status ovs_model_compile(ovs_runtime *runtime, const char *path, const int64_t *shape, int32_t rank,
                             ovs_compile_options options, ovs_model **out) {
  if (!runtime || !path || !out || rank < 0 || rank > 8 || (rank > 0 && !shape))
    return fail(OVS_E_ARGUMENT, "ovs_model_compile: bad argument");
  *out = NULL;
  FILE *file = fopen(path, "rb");
  if (!file) return fail(OVS_E_MODEL, "cannot read model file '%s'", path);
  fclose(file);
  void *model = NULL;
  int code = runtime->core_read_model(runtime->core, path, NULL, &model);
  if (code != OV_OK) return fail_ov(runtime, OVS_E_MODEL, code, "OpenVINO cannot read the model");
  if (rank > 0) {
    ov_partial_shape partial;
    code = runtime->partial_shape_create_static(rank, shape, &partial);
    if (code == OV_OK) {
      code = runtime->model_reshape_single_input(model, partial);
      runtime->partial_shape_free(&partial);
    }
    if (code != OV_OK) {
      ovs_status s = fail_ov(runtime, OVS_E_MODEL, code, "the model's input cannot take the shape asked for");
      runtime->model_free(model);
      return s;
    }
  }
  char threads[16], streams[16];
  snprintf(threads, sizeof threads, "%d", options.threads > 0 ? options.threads : 0);
  snprintf(streams, sizeof streams, "%d", options.streams > 0 ? options.streams : 1);
  void *compiled = NULL;
  // f32 by name: on CPUs with bf16 the plugin would otherwise pick bf16, slower here and less exact.
  // No pinning: with it the plugin tied a second detector thread (one model each) to core 0
  // beside the first; a 1080p replay with two went from 53 to 67 frames/s without it (2026-12-07).
  if (options.threads > 0)
    code = runtime->core_compile_model(runtime->core, model, "CPU", 10, &compiled, "INFERENCE_PRECISION_HINT", "f32",
                                       "PERFORMANCE_HINT", options.throughput ? "THROUGHPUT" : "LATENCY",
                                       "INFERENCE_NUM_THREADS", threads, "NUM_STREAMS", streams, "ENABLE_CPU_PINNING", "NO");
  else
    code = runtime->core_compile_model(runtime->core, model, "CPU", 6, &compiled, "INFERENCE_PRECISION_HINT", "f32",
                                       "PERFORMANCE_HINT", options.throughput ? "THROUGHPUT" : "LATENCY",
                                       "ENABLE_CPU_PINNING", "NO");
  runtime->model_free(model);
  if (code != OV_OK) return fail_ov(runtime, OVS_E_MODEL, code, "OpenVINO cannot compile the model for the CPU");
  ovs_model *handle = calloc(1, sizeof *handle);
  if (!handle) {
    runtime->compiled_model_free(compiled);
    return fail(OVS_E_MODEL, "out of memory");
  }
  handle->runtime = runtime;
  handle->compiled = compiled;
  size_t outputs = 0;
  runtime->compiled_model_outputs_size(compiled, &outputs);
  handle->outputs = (int32_t)outputs;
  *out = handle;
  return OVS_OK;
}

void ovs_model_free(ovs_model *model) {
  if (!model) return;
  model->runtime->compiled_model_free(model->compiled);
  free(model);
}

int32_t ovs_model_outputs(const ovs_model *model) { return model ? model->outputs : 0; }

ovs_status ovs_request_create(ovs_model *model, ovs_request **out) {
  if (!model || !out) return fail(OVS_E_ARGUMENT, "ovs_request_create: null argument");
  *out = NULL;
  ovs_runtime *runtime = model->runtime;
  void *request = NULL;
  int code = runtime->compiled_model_create_infer_request(model->compiled, &request);
  if (code != OV_OK) return fail_ov(runtime, OVS_E_MODEL, code, "OpenVINO cannot create an infer request");
  ovs_request *handle = calloc(1, sizeof *handle);
  if (!handle) {
    runtime->infer_request_free(request);
    return fail(OVS_E_MODEL, "out of memory");
  }
  handle->model = model;
  handle->request = request;
  *out = handle;
  return OVS_OK;
}

static void release_outputs(ovs_request *request) {
  for (int i = 0; i < 8; ++i) {
    if (request->outputs[i]) request->model->runtime->tensor_free(request->outputs[i]);
    request->outputs[i] = NULL;
  }
}

void ovs_request_free(ovs_request *request) {
  if (!request) return;
  ovs_runtime *runtime = request->model->runtime;
  release_outputs(request);
  if (request->input) runtime->tensor_free(request->input);
  runtime->infer_request_free(request->request);
  free(request);
}

ovs_status ovs_request_set_input(ovs_request *request, const float *data, int64_t count) {
  if (!request || !data || count <= 0) return fail(OVS_E_ARGUMENT, "ovs_request_set_input: bad argument");
  ovs_runtime *runtime = request->model->runtime;
  if (request->input && request->input_data == data) return OVS_OK;  // the same memory: nothing to do
  // The compiled input's shape, read from the request's own input tensor.
  void *own = NULL;
  int code = runtime->get_input_tensor_by_index(request->request, 0, &own);
  if (code != OV_OK) return fail_ov(runtime, OVS_E_RUN, code, "the model's input");
  ov_shape shape = {0, NULL};
  code = runtime->tensor_get_shape(own, &shape);
  runtime->tensor_free(own);
  if (code != OV_OK) return fail_ov(runtime, OVS_E_RUN, code, "the model's input shape");
  int64_t expected = 1;
  for (int64_t i = 0; i < shape.rank; ++i) expected *= shape.dims[i];
  if (expected != count) {
    runtime->shape_free(&shape);
    return fail(OVS_E_ARGUMENT, "the input has %lld values, the model takes %lld", (long long)count,
                (long long)expected);
  }
  void *tensor = NULL;
  code = runtime->tensor_create_from_host_ptr(OV_F32, shape, (void *)data, &tensor);
  runtime->shape_free(&shape);
  if (code != OV_OK) return fail_ov(runtime, OVS_E_RUN, code, "an input tensor");
  code = runtime->set_input_tensor_by_index(request->request, 0, tensor);
  if (code != OV_OK) {
    runtime->tensor_free(tensor);
    return fail_ov(runtime, OVS_E_RUN, code, "setting the input");
  }
  if (request->input) runtime->tensor_free(request->input);
  request->input = tensor;
  request->input_data = data;
  return OVS_OK;
}

ovs_status ovs_request_infer(ovs_request *request) {
  if (!request) return fail(OVS_E_ARGUMENT, "ovs_request_infer: null request");
  release_outputs(request);
  int code = request->model->runtime->infer(request->request);
  if (code != OV_OK) return fail_ov(request->model->runtime, OVS_E_RUN, code, "inference failed");
  return OVS_OK;
}

ovs_status ovs_request_start(ovs_request *request) {
  if (!request) return fail(OVS_E_ARGUMENT, "ovs_request_start: null request");
  release_outputs(request);
  int code = request->model->runtime->start_async(request->request);
  if (code != OV_OK) return fail_ov(request->model->runtime, OVS_E_RUN, code, "inference did not start");
  return OVS_OK;
}

ovs_status ovs_request_wait(ovs_request *request) {
  if (!request) return fail(OVS_E_ARGUMENT, "ovs_request_wait: null request");
  int code = request->model->runtime->wait(request->request);
  if (code != OV_OK) return fail_ov(request->model->runtime, OVS_E_RUN, code, "inference failed");
  return OVS_OK;
}

ovs_status ovs_request_output(ovs_request *request, int32_t index, ovs_tensor *out) {
  if (!request || !out) return fail(OVS_E_ARGUMENT, "ovs_request_output: null argument");
  if (index < 0 || index >= request->model->outputs || index >= 8)
    return fail(OVS_E_OUTPUT, "the model has %d outputs, asked for output %d", request->model->outputs, index);
  ovs_runtime *runtime = request->model->runtime;
  if (!request->outputs[index]) {
    int code = runtime->get_output_tensor_by_index(request->request, (size_t)index, &request->outputs[index]);
    if (code != OV_OK) return fail_ov(runtime, OVS_E_OUTPUT, code, "reading an output");
  }
  void *tensor = request->outputs[index];
  int type = 0;
  runtime->tensor_get_element_type(tensor, &type);
  if (type != OV_F32) return fail(OVS_E_OUTPUT, "output %d is not float32 (OpenVINO element type %d)", index, type);
  ov_shape shape = {0, NULL};
  int code = runtime->tensor_get_shape(tensor, &shape);
  if (code != OV_OK) return fail_ov(runtime, OVS_E_OUTPUT, code, "an output's shape");
  if (shape.rank > 8) {
    runtime->shape_free(&shape);
    return fail(OVS_E_OUTPUT, "output %d has %lld dimensions, at most 8 are read", index, (long long)shape.rank);
  }
  void *data = NULL;
  code = runtime->tensor_data(tensor, &data);
  if (code != OV_OK) {
    runtime->shape_free(&shape);
    return fail_ov(runtime, OVS_E_OUTPUT, code, "an output's data");
  }
  out->data = data;
  out->rank = (int32_t)shape.rank;
  for (int i = 0; i < 8; ++i) out->shape[i] = i < shape.rank ? shape.dims[i] : 0;
  runtime->shape_free(&shape);
  return OVS_OK;
}
