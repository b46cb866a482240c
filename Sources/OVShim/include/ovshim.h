/* A plain C surface over OpenVINO's C API, loaded with dlopen so that Portsight builds and runs on
 * a machine without OpenVINO (it then runs its networks through OpenCV). Every call returns a
 * status; on failure ovs_last_error() holds a message for the calling thread. Handles are owned by
 * the caller and freed with the matching ovs_*_free. */
#ifndef OVSHIM_H
#define OVSHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ovs_status {
  OVS_OK = 0,
  OVS_E_ARGUMENT = 1, /* a null or out-of-range argument */
  OVS_E_LIBRARY = 2,  /* the OpenVINO libraries are missing or lack a symbol */
  OVS_E_MODEL = 3,    /* the model file is missing, does not parse, or cannot be compiled */
  OVS_E_RUN = 4,      /* an inference failed */
  OVS_E_OUTPUT = 5,   /* an output is not float32, or there is no such output */
} ovs_status;

typedef struct ovs_runtime ovs_runtime;
typedef struct ovs_model ovs_model;
typedef struct ovs_request ovs_request;

/* What ovs_model_compile asks the CPU plugin for. */
typedef struct ovs_compile_options {
  int32_t threads;     /* INFERENCE_NUM_THREADS; 0 lets OpenVINO choose */
  int32_t streams;     /* NUM_STREAMS; 0 lets OpenVINO choose */
  int32_t throughput;  /* 1: PERFORMANCE_HINT THROUGHPUT, 0: LATENCY */
} ovs_compile_options;

/* An output of an inference: float32, row-major, owned by the request until its next inference. */
typedef struct ovs_tensor {
  const float *data;
  int32_t rank;
  int64_t shape[8];
} ovs_tensor;

/* The message of the calling thread's last failure (empty when none). */
const char *ovs_last_error(void);

/* Loads libopenvino_c from `library_dir` and creates an OpenVINO core. */
ovs_status ovs_runtime_open(const char *library_dir, ovs_runtime **out);
void ovs_runtime_free(ovs_runtime *runtime);
/* OpenVINO's build number, e.g. "2026.4.1-22982-...". Owned by the runtime. */
const char *ovs_runtime_version(const ovs_runtime *runtime);

/* Reads a model (ONNX, or IR .xml with its .bin beside it), fixes its single input to `shape`
 * (`rank` dimensions; rank 0 keeps the file's shape) and compiles it for the CPU with f32
 * precision. */
ovs_status ovs_model_compile(ovs_runtime *runtime, const char *path, const int64_t *shape, int32_t rank,
                             ovs_compile_options options, ovs_model **out);
void ovs_model_free(ovs_model *model);
/* The number of outputs of a compiled model. */
int32_t ovs_model_outputs(const ovs_model *model);

/* An infer request of a compiled model. The model must outlive it. */
ovs_status ovs_request_create(ovs_model *model, ovs_request **out);
void ovs_request_free(ovs_request *request);
/* Sets the input: `data` holds float32 values of the compiled input shape (`count` of them). The
 * memory is read in place: it must stay valid and unchanged until the inference ends. */
ovs_status ovs_request_set_input(ovs_request *request, const float *data, int64_t count);
/* Runs the request and waits for it. */
ovs_status ovs_request_infer(ovs_request *request);
/* Starts the request; ovs_request_wait waits for it. */
ovs_status ovs_request_start(ovs_request *request);
ovs_status ovs_request_wait(ovs_request *request);
/* Output `index` of the last inference. */
ovs_status ovs_request_output(ovs_request *request, int32_t index, ovs_tensor *out);

#ifdef __cplusplus
}
#endif

#endif
